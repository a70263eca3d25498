import { secSaTokenRule } from "../../../lib/readiness/rules/sec-sa-token";
import { run } from "./support/fixtures";
import { MNS, deploymentObject, manifestStack, podSpec } from "./support/manifests";

function withoutAutomount(extra: Record<string, unknown> = {}) {
  const spec = podSpec(extra);
  delete spec.automountServiceAccountToken;
  return spec;
}

describe("RS-SEC-SA-TOKEN", () => {
  it("passes a pod that sets false, a pod that declares true, and a pod whose ServiceAccount sets false", () => {
    const json = manifestStack({
      api: deploymentObject("api"),
      operator: deploymentObject("operator", { podSpec: { automountServiceAccountToken: true } }),
      sa: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "worker", namespace: MNS }, automountServiceAccountToken: false },
      worker: deploymentObject("worker"),
    });
    json.resource.kubernetes_manifest.worker.manifest.spec.template.spec = withoutAutomount({ serviceAccountName: "worker" });
    const out = run(secSaTokenRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.api", "kubernetes_manifest.operator", "kubernetes_manifest.worker"]);
  });

  it("reports a pod of the default ServiceAccount, and one whose ServiceAccount leaves the token on", () => {
    const json = manifestStack({
      api: deploymentObject("api"),
      sa: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "worker", namespace: MNS } },
      worker: deploymentObject("worker"),
    });
    json.resource.kubernetes_manifest.api.manifest.spec.template.spec = withoutAutomount();
    json.resource.kubernetes_manifest.worker.manifest.spec.template.spec = withoutAutomount({ serviceAccountName: "worker" });
    const out = run(secSaTokenRule, json);
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_manifest.api", "kubernetes_manifest.worker"]);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-SA-TOKEN", severity: "warning" });
    expect(out.messages[0]).toBe(
      'kubernetes_manifest.api: spec.template.spec.automountServiceAccountToken is unset and ServiceAccount "default" (not in the stack) ' +
        "does not set automountServiceAccountToken: the API token is mounted into every container.",
    );
    expect(out.messages[1]).toContain('ServiceAccount "worker" (kubernetes_manifest.sa) does not set automountServiceAccountToken');
  });
});
