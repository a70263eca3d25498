import { pdbSelectsPodsRule } from "../../../lib/readiness/rules/pdb-selects-pods";
import { run } from "./support/fixtures";
import { MNS, appLabels, deploymentObject, manifestStack } from "./support/manifests";

function pdb(selector: unknown) {
  return { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "api", namespace: MNS }, spec: { maxUnavailable: 1, ...(selector !== undefined ? { selector } : {}) } };
}

describe("RS-PDB-SELECTS-PODS", () => {
  it("passes a PDB that selects the API pods with matchExpressions", () => {
    const json = manifestStack({
      api: deploymentObject("api"),
      pdb: pdb({ matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ["api", "web"] }] }),
    });
    const out = run(pdbSelectsPodsRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.pdb"]);
  });

  it("reports a PDB whose selector matches nothing, and one without a selector", () => {
    const json = manifestStack({
      api: deploymentObject("api"),
      stale: pdb({ matchLabels: appLabels("web") }),
      none: pdb(undefined),
    });
    const out = run(pdbSelectsPodsRule, json);
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_manifest.stale", "kubernetes_manifest.none"]);
    expect(out.findings[0].ruleId).toBe("RS-PDB-SELECTS-PODS");
    expect(out.messages[0]).toBe(
      "kubernetes_manifest.stale: spec.selector {app.kubernetes.io/name=web, app.kubernetes.io/component=web} matches no pod template in namespace shop.",
    );
    expect(out.messages[1]).toBe("kubernetes_manifest.none: spec.selector is unset, so the budget selects no pod.");
  });
});
