import { selectorMatchesTemplateRule } from "../../../lib/readiness/rules/selector-matches-template";
import { run } from "./support/fixtures";
import { deploymentObject, manifestStack, workload } from "./support/manifests";

describe("RS-SELECTOR-MATCHES-TEMPLATE", () => {
  it("passes selectors that match their template, and a Job without a selector", () => {
    const out = run(selectorMatchesTemplateRule, manifestStack({ api: deploymentObject("api"), db: workload("StatefulSet", "db"), migrate: workload("Job", "migrate") }));
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.api", "kubernetes_manifest.db"]);
  });

  it("reports a selector the template labels do not satisfy, an empty selector and a missing one", () => {
    const drift = deploymentObject("api");
    drift.spec.selector = { matchLabels: { "app.kubernetes.io/name": "api-v2" } };
    const empty = workload("DaemonSet", "agent");
    empty.spec.selector = {};
    const missing = workload("ReplicaSet", "rs");
    delete missing.spec.selector;
    const out = run(selectorMatchesTemplateRule, manifestStack({ drift, empty, missing }));
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_manifest.drift", "kubernetes_manifest.empty", "kubernetes_manifest.missing"]);
    expect(out.findings[0].ruleId).toBe("RS-SELECTOR-MATCHES-TEMPLATE");
    expect(out.messages[0]).toBe(
      "kubernetes_manifest.drift: spec.selector {app.kubernetes.io/name=api-v2} does not match spec.template.metadata.labels " +
        "{app.kubernetes.io/name=api, app.kubernetes.io/component=api}.",
    );
    expect(out.messages[1]).toBe("kubernetes_manifest.empty: spec.selector is empty, so it would select every pod of the namespace.");
    expect(out.messages[2]).toBe("kubernetes_manifest.missing: spec.selector is unset (required for ReplicaSet in apps/v1).");
  });
});
