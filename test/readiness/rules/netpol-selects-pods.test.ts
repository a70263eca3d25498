import { netpolSelectsPodsRule } from "../../../lib/readiness/rules/netpol-selects-pods";
import { run } from "./support/fixtures";
import { MNS, appLabels, deploymentObject, manifestStack } from "./support/manifests";

function policy(podSelector: unknown, namespace = MNS) {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "p", namespace }, spec: { podSelector, policyTypes: ["Ingress"] } };
}

describe("RS-NETPOL-SELECTS-PODS", () => {
  it("passes an empty podSelector (all pods), a selector of the API pods, and one on cert-manager's solver pods", () => {
    const json = manifestStack({
      api: deploymentObject("api"),
      deny: policy({}),
      allow: policy({ matchLabels: appLabels("api") }),
      solver: policy({ matchLabels: { "acme.cert-manager.io/http01-solver": "true" } }),
    });
    const out = run(netpolSelectsPodsRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.deny", "kubernetes_manifest.allow"]);
  });

  it("reports a policy whose podSelector matches nothing", () => {
    const json = manifestStack({
      api: deploymentObject("api"),
      allow: policy({ matchLabels: { "app.kubernetes.io/name": "api" }, matchExpressions: [{ key: "tier", operator: "Exists" }] }),
    });
    const out = run(netpolSelectsPodsRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-NETPOL-SELECTS-PODS", address: "kubernetes_manifest.allow" });
    expect(out.messages[0]).toBe("kubernetes_manifest.allow: spec.podSelector {app.kubernetes.io/name=api, tier Exists} matches no pod template in namespace shop.");
  });
});
