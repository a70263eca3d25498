import { secPreventDestroyRule } from "../../../lib/readiness/rules/sec-prevent-destroy";
import { meta, NS, res, run, secureStack } from "./support/fixtures";

describe("RS-SEC-PREVENT-DESTROY", () => {
  it("passes a StatefulSet with volume claims and a Loki release that prevent destroy", () => {
    const out = run(secPreventDestroyRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_stateful_set_v1.postgres", "helm_release.loki"]);
  });

  it("reports a StatefulSet with volume claims without prevent_destroy", () => {
    const json = secureStack();
    delete res(json, "kubernetes_stateful_set_v1", "postgres").lifecycle;
    const out = run(secPreventDestroyRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-PREVENT-DESTROY", address: "kubernetes_stateful_set_v1.postgres" });
    expect(out.messages[0]).toBe(
      "kubernetes_stateful_set_v1.postgres is a StatefulSet with volumeClaimTemplates but lifecycle.prevent_destroy is not true: a plan may delete its data.",
    );
  });

  it("reports PVCs and stateful chart releases; array-wrapped lifecycle counts", () => {
    const json = secureStack();
    json.resource.kubernetes_persistent_volume_claim_v1 = { backups: { ...meta("pvc"), metadata: { name: "backups", namespace: NS }, lifecycle: [{ prevent_destroy: true }] } };
    res(json, "helm_release", "loki").lifecycle = { prevent_destroy: false };
    expect(run(secPreventDestroyRule, json).messages).toEqual([
      "helm_release.loki is a release of stateful chart loki but lifecycle.prevent_destroy is not true: a plan may delete its data.",
    ]);
  });
});
