import { join } from "path";
import { runReadiness } from "../../lib/readiness/engine";
import { rehearse } from "../../lib/readiness/rehearsal/render";
import { chartRendersRule } from "../../lib/readiness/rules/chart-renders";
import { schemaValidRule } from "../../lib/readiness/rules/schema-valid";
import { rehearsalCoverageRule } from "../../lib/readiness/rules/rehearsal-coverage";
import type { TerraformJson } from "../../lib/readiness/types";
import { CHARTS_DIR, describeWithHelm, HELM } from "../support/helm-binary";

type Json = Record<string, unknown>;

/** A Terraform JSON document with the given helm_release bodies. */
function releases(bodies: Record<string, Json>): TerraformJson {
  return { resource: { helm_release: bodies } } as unknown as TerraformJson;
}

function release(chart: string, version: string, namespace: string, values: string[] = []): Json {
  return { name: chart, chart, repository: "https://charts.example.test", version, namespace, values };
}

const MANIFESTS_CHART = join(__dirname, "..", "..", "lib", "ingress", "charts", "manifests");

describeWithHelm("deploy rehearsal with the real Helm", () => {
  const render = () => ({ chartsDir: CHARTS_DIR, helm: HELM?.path });

  it("fails a chart version that was never published (the old Loki pin 8.2.0)", () => {
    const json = releases({ loki: release("loki", "8.2.0", "logging", ["deploymentMode: SingleBinary\n"]) });
    const result = runReadiness(json, { rules: [chartRendersRule], render: render() });
    expect(result.rendering?.releases[0]).toMatchObject({ address: "helm_release.loki", status: "failed", objects: 0 });
    const findings = result.findings.filter((f) => f.ruleId === "RS-CHART-RENDERS");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "error", address: "helm_release.loki" });
    expect(findings[0].message).toBe(
      `helm_release.loki: chart version not found: chart loki version 8.2.0 not found in ${CHARTS_DIR} (available: 8.1.3, 18.11.0)`,
    );
    expect(findings[0].remediation).toMatch(/Pin a chart version the repository publishes/);
    expect(result.passed).toBe(false);
  });

  it("fails a value the chart's values.schema.json rejects, naming the key (Traefik 41.3.0 ports.web.redirections)", () => {
    const values = "ports:\n  web:\n    redirections:\n      entryPoint:\n        to: websecure\n        scheme: https\n";
    const json = releases({ traefik: release("traefik", "41.3.0", "ingress", [values]) });
    const result = runReadiness(json, { rules: [chartRendersRule], render: render() });
    const findings = result.findings.filter((f) => f.ruleId === "RS-CHART-RENDERS");
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe(
      "helm_release.traefik: chart traefik 41.3.0 does not render: values don't meet the specifications of the schema(s) in the following chart(s): traefik: - at '/ports/web': additional properties 'redirections' not allowed",
    );
  });

  it("renders a release into model objects with their template, objectRef and the release namespace", () => {
    const json = releases({ promtail: release("promtail", "6.17.1", "logging") });
    const { objects, report } = rehearse(json, render());
    expect(report).toMatchObject({ requested: true, kubernetesVersion: "1.33.0", helmVersion: HELM?.version });
    expect(report.releases).toEqual([
      { address: "helm_release.promtail", chart: "promtail", version: "6.17.1", status: "rendered", objects: objects.length },
    ]);
    const ds = objects.find((o) => o.object.kind === "DaemonSet");
    expect(ds).toMatchObject({
      origin: "helm-rendered",
      address: "helm_release.promtail",
      objectRef: "DaemonSet/logging/promtail",
      template: "promtail/templates/daemonset.yaml",
    });
    expect(ds?.object.metadata.namespace).toBe("logging");
    expect(ds?.resource.address).toBe("helm_release.promtail");
    // Cluster-scoped objects keep no namespace.
    const role = objects.find((o) => o.object.kind === "ClusterRole");
    expect(role?.objectRef).toBe("ClusterRole/promtail");
  });

  it("passes a release that renders, with the release as evidence", () => {
    const json = releases({ promtail: release("promtail", "6.17.1", "logging") });
    const result = runReadiness(json, { rules: [chartRendersRule], render: render() });
    expect(result.findings).toEqual([]);
    expect(result.criteria.find((c) => c.id === "startup")?.evidence).toEqual(["helm_release.promtail"]);
  });

  it("reports a misspelt field in a rendered object as RS-SCHEMA-VALID, naming the object and its template", () => {
    const values = JSON.stringify({
      objects: [
        {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "settings" },
          data: { a: "b" },
          dta: { c: "d" },
        },
      ],
    });
    const json = releases({ manifests: { name: "manifests", chart: MANIFESTS_CHART, version: "0.1.0", namespace: "shop", values: [values] } });
    const { objects } = rehearse(json, render());
    expect(objects.map((o) => [o.objectRef, o.template])).toEqual([["ConfigMap/shop/settings", "readystack-manifests/templates/objects.yaml"]]);
    const result = runReadiness(json, { rules: [schemaValidRule], render: render() });
    // A local chart is named by its Chart.yaml, not by its path.
    expect(result.rendering?.releases[0]).toMatchObject({ chart: "readystack-manifests", status: "rendered", objects: 1 });
    const findings = result.findings.filter((f) => f.ruleId === "RS-SCHEMA-VALID");
    expect(findings.map((f) => f.message)).toEqual(["helm_release.manifests ConfigMap/shop/settings: dta is not a field of ConfigMap (did you mean data?)"]);
    expect(findings[0]).toMatchObject({ address: "helm_release.manifests", objectRef: "ConfigMap/shop/settings" });
  });

  it("validates a custom resource against the CRD its chart ships (cert-manager ClusterIssuer)", () => {
    const issuer = {
      apiVersion: "cert-manager.io/v1",
      kind: "ClusterIssuer",
      metadata: { name: "letsencrypt" },
      spec: { acme: { server: "https://acme-v02.api.letsencrypt.org/directory", emial: "ops@example.com", privateKeySecretRef: { name: "acme" } } },
    };
    const json = releases({
      certmanager: release("cert-manager", "v1.21.1", "cert-manager", ["crds:\n  enabled: true\n"]),
      issuer: { name: "issuer", chart: MANIFESTS_CHART, version: "0.1.0", namespace: "cert-manager", values: [JSON.stringify({ objects: [issuer] })] },
    });
    const result = runReadiness(json, { rules: [schemaValidRule], render: render() });
    expect(result.rendering?.releases.map((r) => r.status)).toEqual(["rendered", "rendered"]);
    expect(result.findings.map((f) => f.message)).toEqual([
      "helm_release.issuer ClusterIssuer/letsencrypt: spec.acme.emial is not a field of ClusterIssuer at spec.acme (did you mean email?)",
    ]);
  });

  it("lists releases it could not render, with the reason, and warns about each", () => {
    const json = releases({
      redis: release("redis", "21.0.0", "cache"),
      local: { name: "local", chart: "./assets/missing-chart", namespace: "shop" },
    });
    const result = runReadiness(json, { rules: [rehearsalCoverageRule], render: render() });
    expect(result.rendering?.releases).toEqual([
      {
        address: "helm_release.redis",
        chart: "redis",
        version: "21.0.0",
        status: "not-rendered",
        reason: `no chart source for redis 21.0.0: looked for ${join(CHARTS_DIR, "redis-21.0.0.tgz")}; network pulls are off`,
        objects: 0,
      },
      {
        address: "helm_release.local",
        chart: "missing-chart",
        status: "not-rendered",
        reason: `local chart ./assets/missing-chart not found at ${join(process.cwd(), "assets", "missing-chart")}`,
        objects: 0,
      },
    ]);
    const findings = result.findings.filter((f) => f.ruleId === "RS-REHEARSAL-COVERAGE");
    expect(findings.map((f) => f.severity)).toEqual(["warning", "warning"]);
    expect(findings[0].message).toMatch(/^helm_release\.redis: chart redis 21\.0\.0 was not rendered, so its objects were not checked: no chart source/);
    expect(result.passed).toBe(true);
  });
});

describe("deploy rehearsal without Helm", () => {
  it("lists every release as not rendered when the Helm binary does not exist", () => {
    const json = releases({ loki: release("loki", "18.11.0", "logging") });
    const { objects, report } = rehearse(json, { chartsDir: CHARTS_DIR, helm: "/nonexistent/helm" });
    expect(objects).toEqual([]);
    expect(report.releases).toEqual([
      {
        address: "helm_release.loki",
        chart: "loki",
        version: "18.11.0",
        status: "not-rendered",
        reason: "Helm binary /nonexistent/helm (from the helm option) is not an executable file",
        objects: 0,
      },
    ]);
  });

  it("lists every release as not rendered, with the reason, when rendering is off", () => {
    const json = releases({ loki: release("loki", "18.11.0", "logging") });
    const result = runReadiness(json, { rules: [chartRendersRule, rehearsalCoverageRule], render: { enabled: false, disabledReason: "no chart source" } });
    expect(result.rendering).toEqual({
      requested: false,
      releases: [{ address: "helm_release.loki", chart: "loki", version: "18.11.0", status: "not-rendered", reason: "no chart source", objects: 0 }],
    });
    expect(result.findings).toEqual([]);
  });
});
