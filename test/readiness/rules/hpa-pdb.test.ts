import { hpaPdbRule } from "../../../lib/readiness/rules/hpa-pdb";
import { res, run, secureStack } from "./support/fixtures";

describe("RS-HPA-PDB", () => {
  it("passes a PDB whose selector matches the HPA target's pods and allows one eviction", () => {
    const out = run(hpaPdbRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_deployment_v1.api", "kubernetes_pod_disruption_budget_v1.api"]);
  });

  it("reports a target no PDB selects", () => {
    const json = secureStack();
    res(json, "kubernetes_pod_disruption_budget_v1", "api").spec.selector.match_labels["app.kubernetes.io/name"] = "apii";
    const out = run(hpaPdbRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-HPA-PDB", address: "kubernetes_deployment_v1.api" });
    expect(out.messages[0]).toContain("kubernetes_deployment_v1.api (scaled by kubernetes_horizontal_pod_autoscaler_v2.api) has no PodDisruptionBudget selecting its pod labels {app.kubernetes.io/name=api");
  });

  it("reports a PDB that blocks every eviction at minimum scale; match_expressions select too", () => {
    const json = secureStack();
    const pdb = res(json, "kubernetes_pod_disruption_budget_v1", "api");
    pdb.spec = { min_available: "2", selector: { match_expressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ["api"] }] } };
    expect(run(hpaPdbRule, json).messages).toEqual([
      "kubernetes_pod_disruption_budget_v1.api (spec.minAvailable = 2) allows no eviction of kubernetes_deployment_v1.api at minReplicas = 2.",
    ]);
  });
});
