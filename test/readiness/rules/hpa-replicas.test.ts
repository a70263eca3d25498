import { hpaReplicasRule } from "../../../lib/readiness/rules/hpa-replicas";
import { res, run, secureStack } from "./support/fixtures";

describe("RS-HPA-REPLICAS", () => {
  it("passes min 2, max 6", () => {
    const out = run(hpaReplicasRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_horizontal_pod_autoscaler_v2.api"]);
  });

  it("reports min_replicas 1 and max equal to min", () => {
    const json = secureStack();
    const spec = res(json, "kubernetes_horizontal_pod_autoscaler_v2", "api").spec;
    spec.min_replicas = 1;
    spec.max_replicas = 1;
    const out = run(hpaReplicasRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-HPA-REPLICAS", address: "kubernetes_horizontal_pod_autoscaler_v2.api" });
    expect(out.messages[0]).toBe(
      "kubernetes_horizontal_pod_autoscaler_v2.api: spec.minReplicas = 1 (needs ≥ 2); spec.maxReplicas = 1 is not above spec.minReplicas = 1.",
    );
  });

  it("treats a missing min_replicas as Kubernetes' default of 1", () => {
    const json = secureStack();
    delete res(json, "kubernetes_horizontal_pod_autoscaler_v2", "api").spec.min_replicas;
    expect(run(hpaReplicasRule, json).messages).toEqual([expect.stringContaining("spec.minReplicas = 1 (needs ≥ 2)")]);
  });
});
