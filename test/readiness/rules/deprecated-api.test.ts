import { DEPRECATED_APIS, deprecatedApi } from "../../../lib/readiness/data/deprecated-apis";
import { deprecatedApiRule } from "../../../lib/readiness/rules/deprecated-api";
import { run } from "./support/fixtures";
import { deploymentObject, manifestStack } from "./support/manifests";

describe("RS-DEPRECATED-API", () => {
  it("passes current API versions", () => {
    const out = run(deprecatedApiRule, manifestStack({ api: deploymentObject("api"), pdb: { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "api" }, spec: {} } }));
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.api", "kubernetes_manifest.pdb"]);
  });

  it("reports removed versions with the release that removed them and the replacement", () => {
    const json = manifestStack({
      ingress: { apiVersion: "extensions/v1beta1", kind: "Ingress", metadata: { name: "web" }, spec: {} },
      pdb: { apiVersion: "policy/v1beta1", kind: "PodDisruptionBudget", metadata: { name: "api" }, spec: {} },
      api: deploymentObject("api", { apiVersion: "apps/v1beta2" }),
    });
    const out = run(deprecatedApiRule, json);
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_manifest.ingress", "kubernetes_manifest.pdb", "kubernetes_manifest.api"]);
    expect(out.findings[0].ruleId).toBe("RS-DEPRECATED-API");
    expect(out.messages[0]).toBe(
      "kubernetes_manifest.ingress: apiVersion extensions/v1beta1 of Ingress is no longer served since Kubernetes 1.22 (deprecated in 1.14); use networking.k8s.io/v1.",
    );
    expect(out.messages[1]).toContain("policy/v1beta1 of PodDisruptionBudget is no longer served since Kubernetes 1.25 (deprecated in 1.21); use policy/v1");
    expect(out.messages[2]).toContain("apps/v1beta2 of Deployment is no longer served since Kubernetes 1.16; use apps/v1");
  });

  it("has one row per apiVersion and kind, each removed after it was deprecated", () => {
    const keys = DEPRECATED_APIS.map((d) => `${d.apiVersion} ${d.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    const minor = (v: string): number => Number(v.split(".")[1]);
    for (const d of DEPRECATED_APIS) if (d.deprecatedIn !== undefined) expect(minor(d.removedIn)).toBeGreaterThan(minor(d.deprecatedIn));
    expect(deprecatedApi("autoscaling/v2beta2", "HorizontalPodAutoscaler")?.removedIn).toBe("1.26");
    expect(deprecatedApi("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema")?.removedIn).toBe("1.32");
    expect(deprecatedApi("networking.k8s.io/v1", "Ingress")).toBeUndefined();
  });
});
