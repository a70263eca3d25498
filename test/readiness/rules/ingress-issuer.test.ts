import { ingressIssuerRule } from "../../../lib/readiness/rules/ingress-issuer";
import { res, run, secureStack } from "./support/fixtures";

describe("RS-INGRESS-ISSUER", () => {
  it("passes when the ClusterIssuer named by the annotation is a kubernetes_manifest of the stack", () => {
    const out = run(ingressIssuerRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_ingress_v1.api", "kubernetes_manifest.issuer"]);
  });

  it("passes when the ClusterIssuer is an `objects` entry of a helm_release (HttpsIngress's readystack-manifests chart)", () => {
    const json = secureStack();
    delete json.resource.kubernetes_manifest;
    json.resource.helm_release.issuer = {
      name: "letsencrypt", namespace: "cert-manager", chart: "./assets/ingress_cluster-issuer-chart_0A1B2C3D/0123456789ABCDEF0123456789ABCDEF", version: "0.1.0",
      values: ["objects:\n  - apiVersion: cert-manager.io/v1\n    kind: ClusterIssuer\n    metadata:\n      name: letsencrypt\n    spec:\n      acme:\n        server: https://acme-v02.api.letsencrypt.org/directory\n"],
    };
    const out = run(ingressIssuerRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_ingress_v1.api", "helm_release.issuer ClusterIssuer/letsencrypt"]);
  });

  it("reports a Helm-delivered issuer of another name, and finds a namespaced Issuer in the release's namespace", () => {
    const json = secureStack();
    delete json.resource.kubernetes_manifest;
    const objects = (kind: string, name: string) =>
      [`objects:\n  - apiVersion: cert-manager.io/v1\n    kind: ${kind}\n    metadata:\n      name: ${name}\n    spec: {}\n`];
    json.resource.helm_release.issuer = { name: "issuers", namespace: "shop", chart: "./charts/manifests", values: objects("ClusterIssuer", "letsencrypt-staging") };
    const out = run(ingressIssuerRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-INGRESS-ISSUER", address: "kubernetes_ingress_v1.api" });
    expect(out.messages).toEqual([
      'kubernetes_ingress_v1.api annotation cert-manager.io/cluster-issuer = "letsencrypt" names no ClusterIssuer defined in the stack.',
    ]);
    expect(out.findings[0].remediation).toMatch(/objects.*helm_release.*kubernetes_manifest/);
    json.resource.helm_release.issuer.values = objects("Issuer", "letsencrypt");
    res(json, "kubernetes_ingress_v1", "api").metadata.annotations = { "cert-manager.io/issuer": "letsencrypt" };
    expect(run(ingressIssuerRule, json).findings).toEqual([]);
    json.resource.helm_release.issuer.namespace = "cert-manager";
    expect(run(ingressIssuerRule, json).messages).toEqual([expect.stringContaining("names no Issuer in namespace shop")]);
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
