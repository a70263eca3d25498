import { existsSync } from "fs";
import { Testing } from "cdktf";
import { parse, parseAllDocuments } from "yaml";
import { buildReferenceStack, referenceProps } from "../../../stacks/reference";
import { CHARTS } from "../../../lib/versions";
import { chartArchive, chartsDirOrSkip, helmOrSkip, helmTemplate, type HelmRun } from "../../support/helm";

// Every remote chart the stack installs, rendered by the real Helm (`helm template`, offline) with the exact
// values readystack writes into cdk.tf.json: the chart's values.schema.json must accept them and its
// templates must render. Then the facts the values are for are checked on the rendered objects.

type Json = Record<string, any>;

interface ReleaseUnderTest {
  readonly address: string;
  readonly name: string;
  readonly namespace: string;
  readonly chart: string;
  readonly version: string;
  readonly values: string[];
}

/** A values string as Terraform hands it to Helm: `$${`/`%%{` unescaped; an unresolved reference is an error. */
function terraformToPlain(address: string, text: string): string {
  const plain = text.replace(/\$\$\{/g, "\u0000D").replace(/%%\{/g, "\u0000P");
  if (/\$\{|%\{/.test(plain)) throw new Error(`${address}: values hold a Terraform reference; this test renders literal values only`);
  return plain.replace(/\u0000D/g, "${").replace(/\u0000P/g, "%{");
}

/** The remote-chart helm_releases of the reference stack, with either shipper; one per chart. */
function releases(): ReleaseUnderTest[] {
  const byChart = new Map<string, ReleaseUnderTest>();
  for (const shipper of ["promtail", "alloy"] as const) {
    const app = Testing.app();
    const stack = buildReferenceStack(app, `ref-${shipper}`, { ...referenceProps(), logging: { shipper } });
    const tf = JSON.parse(JSON.stringify(stack.toTerraform())) as Json;
    for (const [key, r] of Object.entries((tf.resource.helm_release ?? {}) as Record<string, Json>)) {
      if (typeof r.repository !== "string" || r.chart.startsWith(".")) continue; // local charts: not a pin
      if (byChart.has(r.chart)) continue;
      const address = `helm_release.${key}`;
      byChart.set(r.chart, {
        address,
        name: r.name,
        namespace: r.namespace,
        chart: r.chart,
        version: r.version,
        values: (r.values as string[]).map((v) => terraformToPlain(address, v)),
      });
    }
  }
  return [...byChart.values()];
}

function objects(run: HelmRun): Json[] {
  return parseAllDocuments(run.stdout)
    .map((d) => d.toJSON() as Json | null)
    .filter((o): o is Json => o !== null && typeof o === "object" && typeof o.kind === "string");
}

function one(objs: Json[], kind: string, name?: string): Json {
  const found = objs.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  expect(found.map((o) => `${o.kind}/${o.metadata?.name}`)).toHaveLength(1);
  return found[0];
}

function container(workload: Json, name: string): Json {
  const c = (workload.spec.template.spec.containers as Json[]).find((x) => x.name === name);
  expect(c).toBeDefined();
  return c!;
}

const helm = helmOrSkip();
const charts = chartsDirOrSkip();
const ready = helm !== undefined && charts !== undefined;
const describeRender = ready ? describe : describe.skip;

describeRender("every pinned chart renders with readystack's values (real helm template)", () => {
  const all = ready ? releases() : [];
  const runs = new Map<string, HelmRun>();
  const render = (chart: string): HelmRun => {
    const cached = runs.get(chart);
    if (cached) return cached;
    const rel = all.find((r) => r.chart === chart);
    if (rel === undefined) throw new Error(`the reference stack installs no chart "${chart}"`);
    const archive = chartArchive(rel.chart, rel.version);
    if (!existsSync(archive)) throw new Error(`${rel.address}: no packaged chart ${archive} for the pinned version ${rel.version}`);
    const run = helmTemplate(helm!, { release: rel.name, namespace: rel.namespace, chart: archive, values: rel.values });
    runs.set(chart, run);
    return run;
  };
  const expectRendered = (run: HelmRun): void => {
    if (run.status !== 0) throw new Error(`${run.command}\nexited ${run.status}:\n${run.stderr}`);
    expect(run.status).toBe(0);
    expect(objects(run).length).toBeGreaterThan(0);
  };

  test("the stack installs exactly the pinned charts", () => {
    const pinned = Object.values(CHARTS).map((c) => `${c.chart}@${c.version}`).sort();
    expect(all.map((r) => `${r.chart}@${r.version}`).sort()).toEqual(pinned);
  });

  test.each(Object.values(CHARTS).map((c) => c.chart))("%s: schema accepts the values and the templates render (exit 0)", (chart) => {
    expectRendered(render(chart));
  });

  test("loki: one Monolithic StatefulSet on a PVC with readiness and liveness probes, no subchart objects", () => {
    const objs = objects(render("loki"));
    const sts = one(objs, "StatefulSet");
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.template.metadata.labels["app.kubernetes.io/component"]).toBe("single-binary");
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("20Gi");
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(sts.spec.template.spec.automountServiceAccountToken).toBe(false);
    const loki = container(sts, "loki");
    expect(loki.readinessProbe.httpGet).toEqual({ path: "/ready", port: "http-metrics" });
    expect(loki.livenessProbe.httpGet).toEqual({ path: "/loki/api/v1/status/buildinfo", port: "http-metrics" });
    const config = parse(one(objs, "ConfigMap", "loki").data["config.yaml"]) as Json;
    expect(config.schema_config.configs[0]).toMatchObject({ store: "tsdb", schema: "v13", object_store: "filesystem" });
    expect(config.compactor).toMatchObject({ retention_enabled: true, delete_request_store: "filesystem" });
    expect(config.common.storage.filesystem).toBeDefined();
    const kinds = new Set(objs.map((o) => o.kind));
    for (const k of ["Deployment", "ClusterRole", "ClusterRoleBinding", "Job"]) expect(kinds.has(k)).toBe(false);
    expect(objs.filter((o) => /minio|rollout|memcached|canary|gateway/.test(o.metadata?.name ?? ""))).toEqual([]);
  });

  test("promtail: /ready does not wait for a tailed file; liveness is a TCP check", () => {
    const objs = objects(render("promtail"));
    const ds = one(objs, "DaemonSet");
    const c = container(ds, "promtail");
    expect(c.readinessProbe.httpGet.path).toBe("/ready");
    expect(c.livenessProbe.tcpSocket).toEqual({ port: "http-metrics" });
    expect(c.livenessProbe.httpGet).toBeUndefined();
    const secret = one(objs, "Secret");
    expect((parse(secret.stringData["promtail.yaml"]) as Json).server.health_check_target).toBe(false);
  });

  test("alloy: readiness on /-/ready, liveness not on /-/healthy, read-only RBAC without secrets or configmaps", () => {
    const objs = objects(render("alloy"));
    const dep = one(objs, "Deployment");
    const c = container(dep, "alloy");
    expect(c.readinessProbe.httpGet.path).toBe("/-/ready");
    expect(c.livenessProbe.tcpSocket).toBeDefined();
    expect(JSON.stringify(c.livenessProbe)).not.toContain("/-/healthy");
    expect(c.args).toContain("--stability.level=generally-available");
    const role = one(objs, "ClusterRole");
    const resources = (role.rules as Json[]).flatMap((r) => r.resources as string[]).sort();
    expect(resources).toEqual(["namespaces", "nodes", "pods", "pods/log"]);
    for (const r of role.rules as Json[]) expect(r.verbs).toEqual(["get", "list", "watch"]);
  });

  test("traefik: web redirects to websecure, websecure serves TLS, JSON logs and access logs", () => {
    const dep = one(objects(render("traefik")), "Deployment");
    const args = container(dep, "traefik").args as string[];
    expect(args).toEqual(expect.arrayContaining([
      "--entryPoints.web.http.redirections.entryPoint.to=:443",
      "--entryPoints.web.http.redirections.entryPoint.scheme=https",
      "--entryPoints.web.http.redirections.entryPoint.priority=10",
      "--entryPoints.web.http.redirections.entryPoint.permanent=true",
      "--entryPoints.websecure.http.tls=true",
      "--log.format=json",
      "--accesslog=true",
      "--accesslog.format=json",
    ]));
  });

  test("cert-manager: CRDs installed with the release and kept on uninstall", () => {
    const crds = objects(render("cert-manager")).filter((o) => o.kind === "CustomResourceDefinition");
    expect(crds.map((c) => c.spec.names.kind)).toEqual(expect.arrayContaining(["Certificate", "ClusterIssuer", "Issuer"]));
    for (const crd of crds) expect(crd.metadata.annotations["helm.sh/resource-policy"]).toBe("keep");
  });
});
