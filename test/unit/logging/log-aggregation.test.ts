import { Testing, TerraformStack } from "cdktf";
import { parse } from "yaml";
import { LogAggregation, LogAggregationProps } from "../../../lib/logging/log-aggregation";
import { CHARTS } from "../../../lib/versions";

type Json = Record<string, any>;

function make(props: Partial<LogAggregationProps> = {}): { out: Json; logs: LogAggregation } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const logs = new LogAggregation(stack, "logs", { namespace: "shop", ...props } as LogAggregationProps);
  Testing.synth(stack); // must synthesize cleanly
  // toTerraform() keeps the "//" metadata blocks that Testing.synth drops.
  return { out: JSON.parse(JSON.stringify(stack.toTerraform())), logs };
}

function release(out: Json, chart: string): Json {
  const r = Object.values(out.resource.helm_release as Record<string, Json>).find((x) => x.chart === chart);
  expect(r).toBeDefined();
  return r!;
}

function values(r: Json): Json {
  expect(r.values).toHaveLength(1);
  return parse(r.values[0]);
}

function build(props: Partial<LogAggregationProps>): () => LogAggregation {
  return () => make(props).logs;
}

describe("LogAggregation defaults (Loki Monolithic + Promtail)", () => {
  const { out, logs } = make();
  const loki = release(out, "loki");
  const lv = values(loki);
  const promtail = release(out, "promtail");
  const pv = values(promtail);

  test("charts pinned from CHARTS, never latest", () => {
    expect(Object.keys(out.resource.helm_release)).toHaveLength(2);
    expect(loki).toMatchObject({ repository: CHARTS.loki.repository, version: CHARTS.loki.version, namespace: "shop", atomic: true, wait: true });
    expect(loki.repository).toBe("https://grafana-community.github.io/helm-charts");
    expect(promtail).toMatchObject({ repository: CHARTS.promtail.repository, version: CHARTS.promtail.version, namespace: "shop" });
    for (const r of [loki, promtail]) expect(r.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(promtail.depends_on).toEqual([expect.stringMatching(/^helm_release\.logs_loki/)]);
  });

  test("Loki runs Monolithic: one single binary on a PVC, every scalable target at zero, no caches or gateway", () => {
    expect(lv.deploymentMode).toBe("Monolithic");
    expect(lv.singleBinary.replicas).toBe(1);
    expect(lv.singleBinary.persistence).toMatchObject({ enabled: true, size: "20Gi", whenDeleted: "Retain", whenScaled: "Retain" });
    expect(lv.singleBinary.persistence.storageClass).toBeUndefined();
    expect(lv.singleBinary.resources).toEqual({ requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } });
    for (const k of ["read", "write", "backend", "ingester", "distributor", "querier", "queryFrontend"]) expect(lv[k].replicas).toBe(0);
    expect(lv.chunksCache.enabled).toBe(false);
    expect(lv.resultsCache.enabled).toBe(false);
    expect(lv.gateway.enabled).toBe(false);
    expect(lv.lokiCanary.enabled).toBe(false);
    expect(lv.test.enabled).toBe(false);
  });

  test("Loki stores on the filesystem with a tsdb v13 schema, single tenant, compactor retention", () => {
    expect(lv.loki.storage.type).toBe("filesystem");
    expect(lv.loki.auth_enabled).toBe(false);
    expect(lv.loki.commonConfig.replication_factor).toBe(1);
    expect(lv.loki.schemaConfig.configs).toEqual([
      { from: "2024-01-01", store: "tsdb", object_store: "filesystem", schema: "v13", index: { prefix: "index_", period: "24h" } },
    ]);
    expect(lv.loki.limits_config.retention_period).toBe("744h");
    expect(lv.loki.compactor).toMatchObject({ retention_enabled: true, delete_request_store: "filesystem" });
    expect(lv.loki.podSecurityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
    expect(lv.loki.containerSecurityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
  });

  test("the Loki release is protected from destroy and carries its facts", () => {
    expect(loki.lifecycle).toEqual({ prevent_destroy: true });
    expect(loki["//"].readystack).toMatchObject({ component: "loki", deploymentMode: "Monolithic", retention: "744h", pvcRetention: "Retain" });
  });

  test("Promtail scrapes only the stack namespace, pushes to Loki and parses JSON", () => {
    expect(pv.daemonset.enabled).toBe(true);
    expect(pv.config.clients).toEqual([{ url: "http://loki.shop.svc.cluster.local:3100/loki/api/v1/push" }]);
    const scrape = parse(pv.config.snippets.scrapeConfigs);
    expect(scrape).toHaveLength(1);
    expect(scrape[0].kubernetes_sd_configs).toEqual([{ role: "pod", namespaces: { names: ["shop"] } }]);
    const stages = scrape[0].pipeline_stages;
    expect(stages[0]).toEqual({ cri: {} });
    expect(stages[1].json.expressions).toEqual({ level: "level", msg: "msg || message", time: "time || ts" });
    expect(stages[2]).toEqual({ labels: { level: "" } });
    expect(stages[3].timestamp).toMatchObject({ source: "time", format: "RFC3339Nano" });
    expect(pv.resources.limits).toEqual({ cpu: "500m", memory: "256Mi" });
    expect(pv.containerSecurityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
  });

  test("Promtail release records component, namespace filter, JSON parsing and its end of life", () => {
    expect(promtail["//"].readystack).toMatchObject({
      component: "promtail",
      targetNamespaces: ["shop"],
      parsesJson: true,
      endOfLife: { since: "2026-03-02", replacement: 'Grafana Alloy (shipper: "alloy")' },
    });
  });

  test("exposes selectors, port and push URL for NetworkPolicies", () => {
    expect(logs.lokiPushUrl).toBe("http://loki.shop.svc.cluster.local:3100/loki/api/v1/push");
    expect(logs.lokiPort).toBe(3100);
    expect(logs.lokiPodSelector).toEqual({ "app.kubernetes.io/name": "loki", "app.kubernetes.io/instance": "loki", "app.kubernetes.io/component": "single-binary" });
    expect(logs.shipperPodSelector).toEqual({ "app.kubernetes.io/name": "promtail", "app.kubernetes.io/instance": "promtail" });
    expect(logs.lokiNamespace).toBe("shop");
    expect(logs.shipperNamespace).toBe("shop");
    expect(logs.lokiRelease).toBeDefined();
    expect(logs.shipperRelease).toBeDefined();
  });
});

describe("LogAggregation options", () => {
  test("Alloy ships the same pipeline in Alloy syntax, non-root, without host mounts", () => {
    const { out, logs } = make({ shipper: "alloy", lokiNamespace: "observability", retention: "14d", storageClassName: "fast-ssd", storageSize: "50Gi" });
    const alloy = release(out, "alloy");
    expect(alloy).toMatchObject({ repository: CHARTS.alloy.repository, version: CHARTS.alloy.version, namespace: "observability" });
    expect(Object.values(out.resource.helm_release as Record<string, Json>).map((r) => r.chart).sort()).toEqual(["alloy", "loki"]);
    const av = values(alloy);
    const cfg: string = av.alloy.configMap.content;
    expect(cfg).toContain('discovery.kubernetes "pods"');
    expect(cfg).toMatch(/namespaces \{\s*names = \["shop"\]\s*\}/);
    expect(cfg).toContain('loki.source.kubernetes "pods"');
    expect(cfg).toContain("stage.json {");
    expect(cfg).toContain('msg = "msg || message",');
    expect(cfg).toContain("stage.labels {");
    expect(cfg).toContain("stage.timestamp {");
    expect(cfg).toContain('url = "http://loki.observability.svc.cluster.local:3100/loki/api/v1/push"');
    expect(av.alloy.mounts.varlog).toBe(false);
    expect(av.alloy.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 473, readOnlyRootFilesystem: true });
    expect(av.controller.type).toBe("deployment");
    expect(alloy["//"].readystack).toMatchObject({ component: "alloy", targetNamespaces: ["shop"], parsesJson: true });
    expect(alloy["//"].readystack.endOfLife).toBeUndefined();
    const lv = values(release(out, "loki"));
    expect(lv.loki.limits_config.retention_period).toBe("14d");
    expect(lv.singleBinary.persistence).toMatchObject({ size: "50Gi", storageClass: "fast-ssd" });
    expect(logs.shipperPodSelector).toEqual({ "app.kubernetes.io/name": "alloy", "app.kubernetes.io/instance": "alloy" });
  });

  test("preventDestroy false leaves no lifecycle block", () => {
    const { out } = make({ preventDestroy: false });
    expect(release(out, "loki").lifecycle).toBeUndefined();
  });
});

describe("LogAggregation rejects bad props", () => {
  test("retention that is not whole days", () => {
    expect(build({ retention: "36h" })).toThrow(/test\/logs: invalid retention "36h"; expected a whole number of days of at least 24h/);
    expect(build({ retention: "12h" })).toThrow(/invalid retention "12h"/);
    expect(build({ retention: "1 month" })).toThrow(/invalid retention "1 month"/);
  });
  test("unknown shipper", () => {
    expect(build({ shipper: "fluentd" as never })).toThrow(/invalid shipper "fluentd"; expected one of "promtail", "alloy"/);
  });
  test("bad storage size and namespace", () => {
    expect(build({ storageSize: "20GB" })).toThrow(/invalid storageSize "20GB"/);
    expect(build({ namespace: "Shop" })).toThrow(/invalid namespace "Shop"; expected a DNS-1123 label/);
  });
  test("bad storageClassName, and the old storageClass name points to it", () => {
    expect(build({ storageClassName: "Fast_SSD" })).toThrow(/invalid storageClassName "Fast_SSD"; expected a DNS-1123 subdomain/);
    expect(build({ storageClass: "fast-ssd" } as never)).toThrow(/invalid storageClass "fast-ssd"; expected storageClassName/);
  });
  test("bad resources", () => {
    expect(build({ lokiResources: { cpuLimit: "fast" } })).toThrow(/invalid lokiResources\.cpuLimit "fast"/);
  });
});
