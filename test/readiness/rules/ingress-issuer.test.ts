import { ingressIssuerRule } from "../../../lib/readiness/rules/ingress-issuer";
import { res, run, secureStack } from "./support/fixtures";

describe("RS-INGRESS-ISSUER", () => {
  it("passes when the ClusterIssuer named by the annotation is a kubernetes_manifest of the stack", () => {
    const out = run(ingressIssuerRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_ingress_v1.api", "kubernetes_manifest.issuer"]);
  });

  it("reports an annotation naming a ClusterIssuer that does not exist", () => {
    const json = secureStack();
    res(json, "kubernetes_ingress_v1", "api").metadata.annotations["cert-manager.io/cluster-issuer"] = "letsencrypt-prod";
    const out = run(ingressIssuerRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-INGRESS-ISSUER", address: "kubernetes_ingress_v1.api" });
    expect(out.messages[0]).toBe(
      'kubernetes_ingress_v1.api annotation cert-manager.io/cluster-issuer = "letsencrypt-prod" names no ClusterIssuer defined in the stack.',
    );
  });

  it("resolves a referenced issuer name, and checks namespaced Issuers in the ingress namespace", () => {
    const json = secureStack();
    const ing = res(json, "kubernetes_ingress_v1", "api");
    ing.metadata.annotations = { "cert-manager.io/cluster-issuer": "${kubernetes_manifest.issuer.manifest.metadata.name}" };
    expect(run(ingressIssuerRule, json).findings).toEqual([]);
    res(json, "kubernetes_manifest", "issuer").manifest.kind = "Issuer";
    res(json, "kubernetes_manifest", "issuer").manifest.metadata.namespace = "other";
    ing.metadata.annotations = { "cert-manager.io/issuer": "letsencrypt" };
    expect(run(ingressIssuerRule, json).messages).toEqual([expect.stringContaining("names no Issuer in namespace shop")]);
  });
});
