import { createRuleContext } from "../../../lib/readiness/context";
import {
  asList, chartName, first, helmReleases, mergeValues, selectPods, selectorMatches, splitSetPath, tlsCovers, workloads,
} from "../../../lib/readiness/k8s-model";
import type { TerraformJson } from "../../../lib/readiness/types";
import { cronJob, deployment, secureContainer, tf } from "./support/fixtures";

describe("k8s-model", () => {
  it("normalises blocks written as objects or arrays of one object", () => {
    expect(asList(undefined)).toEqual([]);
    expect(asList({ a: 1 })).toEqual([{ a: 1 }]);
    expect(first([{ a: 1 }])).toEqual({ a: 1 });
    expect(first({ a: 1 })).toEqual({ a: 1 });
    expect(first("x")).toBeUndefined();
  });

  it("reads workloads of every kind, CronJob pod templates included, with namespaces resolved", () => {
    const json = tf({
      kubernetes_namespace_v1: { ns: { metadata: { name: "shop" } } },
      kubernetes_deployment_v1: { api: deployment("api", { namespace: "${kubernetes_namespace_v1.ns.metadata[0].name}" }) },
      kubernetes_cron_job_v1: { backup: cronJob("backup", "backup", [secureContainer("backup")]) },
    });
    const ws = workloads(createRuleContext(json));
    expect(ws.map((w) => [w.resource.address, w.kind, w.longRunning, w.namespace, w.containers.map((c) => c.name)])).toEqual([
      ["kubernetes_deployment_v1.api", "Deployment", true, "shop", ["api"]],
      ["kubernetes_cron_job_v1.backup", "CronJob", false, "shop", ["backup"]],
    ]);
    expect(ws[1].component).toBe("backup");
  });

  it("selects pods through the label index, per namespace, with match_expressions", () => {
    const json = tf({
      kubernetes_deployment_v1: {
        a: deployment("a", { component: "api" }),
        b: deployment("b", { component: "worker" }),
        c: deployment("c", { component: "api", namespace: "other" }),
      },
    });
    const ctx = createRuleContext(json);
    const names = (sel: Parameters<typeof selectPods>[2], ns = "shop"): string[] => selectPods(ctx, ns, sel).map((w) => w.resource.name);
    expect(names({ matchLabels: { "app.kubernetes.io/component": "api" }, expressions: [] })).toEqual(["a"]);
    expect(names({ matchLabels: {}, expressions: [] })).toEqual(["a", "b"]);
    expect(names({ matchLabels: {}, expressions: [{ key: "app.kubernetes.io/name", operator: "NotIn", values: ["a"] }] })).toEqual(["b"]);
    expect(names({ matchLabels: {}, expressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ["a", "c"] }] }, "other")).toEqual(["c"]);
    expect(selectorMatches({ matchLabels: {}, expressions: [{ key: "x", operator: "Exists", values: [] }] }, {})).toBe(false);
  });

  it("merges Helm values in order and applies set entries (escaped dots kept)", () => {
    const json: TerraformJson = tf({
      helm_release: {
        r: {
          chart: "https://example.com/charts/promtail-6.17.0.tgz",
          values: ["a:\n  b: 1\n  c: 2\n", "a:\n  c: 3\n", "${yamlencode(var.x)}"],
          set: [{ name: "podAnnotations.prometheus\\.io/scrape", value: "true" }],
        },
      },
    });
    const [rel] = helmReleases(createRuleContext(json));
    expect(rel.chart).toBe("promtail");
    expect(rel.values).toEqual({ a: { b: 1, c: 3 }, podAnnotations: { "prometheus.io/scrape": "true" } });
    expect(rel.unparsedValues).toEqual(["${yamlencode(var.x)}"]);
    expect(splitSetPath("a\\.b.c")).toEqual(["a.b", "c"]);
    expect(mergeValues({ a: [1] }, { a: [2] })).toEqual({ a: [2] });
    expect(chartName("oci://registry-1.docker.io/bitnamicharts/redis")).toBe("redis");
  });

  it("matches TLS wildcard hosts one label deep", () => {
    expect(tlsCovers("*.example.com", "a.example.com")).toBe(true);
    expect(tlsCovers("*.example.com", "example.com")).toBe(false);
    expect(tlsCovers("Shop.Example.com", "shop.example.com")).toBe(true);
  });
});
