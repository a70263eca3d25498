/**
 * The deploy rehearsal: render every `helm_release` with the real Helm, at its pinned chart version and with its
 * exact merged values, so that the rules see the objects a release would apply.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse as parseYaml } from "yaml";
import { createRuleContext } from "../context";
import { helmReleases, type HelmRelease } from "../k8s-model";
import { objectRefOf, type ModelObject } from "../model/object";
import type { ReleaseRendering, RenderingReport } from "../model/rendering";
import { SCHEMA_KUBERNETES_VERSION } from "../schema/kubernetes-version";
import type { TerraformJson } from "../types";
import { locateChart, type ChartSources } from "./chart-source";
import { findHelm, isHelmBinary } from "./helm";
import { helmErrorText } from "./helm-errors";
import { clusterScopedCustomKinds, parseRendered, withReleaseNamespace } from "./manifests";
import { DEFAULT_HELM_TIMEOUT_MS, type RenderOptions } from "./options";

/** What the rehearsal produced: the rendered objects and, per release, what happened. */
/**
 * GA APIs every supported Kubernetes version serves, which offline `helm template` does not report in
 * `.Capabilities.APIVersions` (a chart such as Traefik's then falls back to policy/v1beta1, which a cluster would
 * never get). Listed so the rehearsal renders what an install on the cluster renders.
 */
const SERVED_API_VERSIONS = ["policy/v1/PodDisruptionBudget", "autoscaling/v2/HorizontalPodAutoscaler", "batch/v1/CronJob"] as const;

export interface Rehearsal {
  /** Objects of the releases that rendered (origin `helm-rendered`). */
  readonly objects: readonly ModelObject[];
  /** The report rules and reports read. */
  readonly report: RenderingReport;
}

function describe(rel: HelmRelease): { chart: string; version?: string } {
  return rel.version === undefined ? { chart: rel.chart } : { chart: rel.chart, version: rel.version };
}

/** The `name` of a chart directory's Chart.yaml (a local chart's path ends in a hash), when there is one. */
function localChartName(path: string): string | undefined {
  try {
    const file = join(path, "Chart.yaml");
    if (!statSync(path).isDirectory() || !existsSync(file)) return undefined;
    const doc: unknown = parseYaml(readFileSync(file, "utf8"));
    const name = typeof doc === "object" && doc !== null ? (doc as Record<string, unknown>).name : undefined;
    return typeof name === "string" && name !== "" ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Every release as not rendered, for one reason. */
function noneRendered(releases: readonly HelmRelease[], reason: string): ReleaseRendering[] {
  return releases.map((rel) => ({ address: rel.resource.address, ...describe(rel), status: "not-rendered", reason, objects: 0 }));
}

/** `helm template` of one release; its objects or why it failed. */
function renderOne(
  rel: HelmRelease,
  chartPath: string,
  helm: string,
  kubeVersion: string,
  timeoutMs: number,
): { objects: ModelObject[] } | { failed: string } {
  const dir = mkdtempSync(join(tmpdir(), "readystack-values-"));
  try {
    const valuesFile = join(dir, "values.yaml");
    // JSON is YAML: the merged values go to Helm exactly as the release has them.
    writeFileSync(valuesFile, JSON.stringify(rel.values));
    const args = [
      "template", rel.name ?? rel.resource.name, chartPath,
      "--namespace", rel.namespace,
      "--values", valuesFile,
      "--kube-version", kubeVersion,
      ...SERVED_API_VERSIONS.flatMap((a) => ["--api-versions", a]),
      "--include-crds",
      "--skip-tests",
    ];
    let text: string;
    try {
      text = execFileSync(helm, args, { encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      return { failed: `helm template of chart ${rel.chart}${rel.version ? ` ${rel.version}` : ""} failed: ${helmErrorText(error)}` };
    }
    let manifests;
    try {
      manifests = parseRendered(text);
    } catch (error) {
      return { failed: error instanceof Error ? error.message : String(error) };
    }
    const clusterKinds = clusterScopedCustomKinds(manifests);
    const objects = manifests.map((m): ModelObject => {
      const object = withReleaseNamespace(m.object, rel.namespace, clusterKinds);
      return {
        object,
        origin: "helm-rendered",
        address: rel.resource.address,
        objectRef: objectRefOf(object),
        ...(m.template !== undefined ? { template: m.template } : {}),
        resource: rel.resource,
      };
    });
    return { objects };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Render every `helm_release` of a Terraform JSON document. Never throws for a release: each one is `rendered`,
 * `failed` (Helm refused it: a chart version that does not exist, a values.schema.json violation, a template error)
 * or `not-rendered` (no Helm, no chart source), with the reason.
 */
export function rehearse(json: TerraformJson, options: RenderOptions = {}): Rehearsal {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? DEFAULT_HELM_TIMEOUT_MS;
  const kubernetesVersion = options.kubernetesVersion ?? SCHEMA_KUBERNETES_VERSION;
  const releases = helmReleases(createRuleContext(json));
  if (options.enabled === false) {
    return { objects: [], report: { requested: false, releases: noneRendered(releases, options.disabledReason ?? "rendering was not requested") } };
  }
  const helm = findHelm(options.helm, env, timeoutMs);
  if (!isHelmBinary(helm)) {
    return { objects: [], report: { requested: true, kubernetesVersion, releases: noneRendered(releases, helm.reason) } };
  }
  const chartsDir = options.chartsDir ?? (env.READYSTACK_CHARTS_DIR !== "" ? env.READYSTACK_CHARTS_DIR : undefined);
  const sources: ChartSources = {
    ...(chartsDir !== undefined ? { chartsDir } : {}),
    network: options.network ?? false,
    baseDir: options.baseDir ?? process.cwd(),
    helm: helm.path,
    timeoutMs,
    ...(options.localCharts !== undefined ? { localCharts: options.localCharts } : {}),
  };
  const objects: ModelObject[] = [];
  const report: ReleaseRendering[] = [];
  for (const rel of releases) {
    const base: { address: string; chart: string; version?: string } = { address: rel.resource.address, ...describe(rel) };
    const chartRef = typeof rel.resource.body.chart === "string" ? rel.resource.body.chart : "";
    if (rel.chart === "" || chartRef.includes("${")) {
      report.push({ ...base, status: "not-rendered", reason: `chart ${JSON.stringify(chartRef)} is not statically known`, objects: 0 });
      continue;
    }
    if (rel.unresolvedValues.length > 0) {
      const first = rel.unresolvedValues[0];
      report.push({
        ...base,
        status: "not-rendered",
        reason: `${rel.unresolvedValues.length} values document(s) do not resolve (values[${first.index}] ${JSON.stringify(first.expression.slice(0, 60))}: ${first.reason})`,
        objects: 0,
      });
      continue;
    }
    const repository = typeof rel.resource.body.repository === "string" ? rel.resource.body.repository : undefined;
    const location = locateChart(
      { chartRef, chart: rel.chart, ...(rel.version !== undefined ? { version: rel.version } : {}), ...(repository !== undefined ? { repository } : {}) },
      sources,
    );
    if (location.kind !== "found") {
      report.push({ ...base, status: location.kind === "failed" ? "failed" : "not-rendered", reason: location.reason, objects: 0 });
      continue;
    }
    const named = localChartName(location.path);
    if (named !== undefined) base.chart = named;
    const out = renderOne(rel, location.path, helm.path, kubernetesVersion, timeoutMs);
    if ("failed" in out) {
      report.push({ ...base, status: "failed", reason: out.failed, objects: 0 });
      continue;
    }
    objects.push(...out.objects);
    report.push({ ...base, status: "rendered", objects: out.objects.length });
  }
  return { objects, report: { requested: true, helmVersion: helm.version, kubernetesVersion, releases: report } };
}
