import { createRuleContext } from "../../../lib/readiness/context";
import {
  containersOf,
  labelSelectorMatches,
  namespaceOf,
  podIndex,
  podTemplateOf,
  readLabelSelector,
  selectPods,
  workloadsOf,
} from "../../../lib/readiness/model/pod-views";
import type { KubeObject } from "../../../lib/readiness/model/object";
import type { TerraformJson } from "../../../lib/readiness/types";
import { container, cronJobObject, deploymentObject, manifestStack } from "../rules/support/manifests";

describe("pod views", () => {
  it("finds the pod template of a CronJob and lists init containers before containers, with API paths", () => {
    const cron = cronJobObject("backup", { podSpec: { initContainers: [container("wait")] } }) as KubeObject;
    const pod = podTemplateOf(cron)!;
    expect(pod.specPath).toBe("spec.jobTemplate.spec.template.spec");
    expect(containersOf(pod).map((c) => [c.label, c.path])).toEqual([
      ['init container "wait"', "spec.jobTemplate.spec.template.spec.initContainers[0]"],
      ['container "app"', "spec.jobTemplate.spec.template.spec.containers[0]"],
    ]);
    expect(podTemplateOf({ apiVersion: "v1", kind: "ConfigMap", metadata: {} })).toBeUndefined();
  });

  it("matches matchLabels and every matchExpressions operator", () => {
    const labels = { app: "api", tier: "web" };
    const sel = (s: unknown) => readLabelSelector(s)!;
    expect(labelSelectorMatches(sel({}), labels)).toBe(true);
    expect(labelSelectorMatches(sel({ matchLabels: { app: "api" } }), labels)).toBe(true);
    expect(labelSelectorMatches(sel({ matchLabels: { app: "db" } }), labels)).toBe(false);
    expect(labelSelectorMatches(sel({ matchExpressions: [{ key: "tier", operator: "In", values: ["web", "edge"] }] }), labels)).toBe(true);
    expect(labelSelectorMatches(sel({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["web"] }] }), labels)).toBe(false);
    expect(labelSelectorMatches(sel({ matchExpressions: [{ key: "zone", operator: "DoesNotExist" }] }), labels)).toBe(true);
    expect(labelSelectorMatches(sel({ matchExpressions: [{ key: "zone", operator: "Exists" }] }), labels)).toBe(false);
    expect(labelSelectorMatches(sel({ matchExpressions: [{ key: "app", operator: "Bogus" }] }), labels)).toBe(false);
  });

  it("takes the namespace from metadata, else from the helm_release, else default; and indexes pods by it", () => {
    const json = manifestStack({ api: deploymentObject("api"), other: deploymentObject("other", { namespace: "" }) }) as TerraformJson;
    const ctx = createRuleContext(json);
    expect(workloadsOf(ctx).map((w) => w.namespace)).toEqual(["shop", "default"]);
    const release = { type: "helm_release", name: "loki", address: "helm_release.loki", body: { namespace: "logging" }, readystack: {} };
    const rendered = { object: { apiVersion: "v1", kind: "Service", metadata: { name: "loki" } }, origin: "helm-rendered" as const, address: release.address, resource: release };
    expect(namespaceOf(ctx, rendered)).toBe("logging");
    const index = podIndex(ctx);
    const found = selectPods(index, "shop", readLabelSelector({ matchLabels: { "app.kubernetes.io/name": "api" } })!);
    expect(found.known && found.workloads.map((w) => w.model.address)).toEqual(["kubernetes_manifest.api"]);
  });
});
