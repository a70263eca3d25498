import { serviceSelectsPodsRule } from "../../../lib/readiness/rules/service-selects-pods";
import { run } from "./support/fixtures";
import { appLabels, deploymentObject, manifestStack, serviceObject } from "./support/manifests";

describe("RS-SERVICE-SELECTS-PODS", () => {
  it("passes a Service whose selector is a subset of the pod labels; skips selector-less and ExternalName Services", () => {
    const json = manifestStack({
      api: deploymentObject("api"),
      api_svc: serviceObject("api", { "app.kubernetes.io/name": "api" }),
      manual: serviceObject("manual", undefined),
      ext: serviceObject("ext", { app: "x" }, { type: "ExternalName", externalName: "db.example.com" }),
    });
    const out = run(serviceSelectsPodsRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.api_svc"]);
  });

  it("reports a selector with a typo, and one that matches pods of another namespace only", () => {
    const json = manifestStack({
      api: deploymentObject("api"),
      typo: serviceObject("api", { ...appLabels("api"), "app.kubernetes.io/name": "apj" }),
      other_ns: serviceObject("api", appLabels("api"), {}, "staging"),
    });
    const out = run(serviceSelectsPodsRule, json);
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_manifest.typo", "kubernetes_manifest.other_ns"]);
    expect(out.findings[0].ruleId).toBe("RS-SERVICE-SELECTS-PODS");
    expect(out.messages[0]).toBe(
      "kubernetes_manifest.typo: spec.selector {app.kubernetes.io/name=apj, app.kubernetes.io/component=api} matches no pod template in namespace shop.",
    );
    expect(out.messages[1]).toContain("matches no pod template in namespace staging");
  });

  it("draws no conclusion in a namespace where a Helm release was not rendered", () => {
    const json = manifestStack({ svc: serviceObject("loki", { app: "loki" }) });
    json.resource.helm_release = { loki: { name: "loki", chart: "loki", version: "6.40.0", namespace: "shop" } };
    const out = run(serviceSelectsPodsRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual([]);
  });
});
