import { ingressRedirectRule } from "../../../lib/readiness/rules/ingress-redirect";
import { res, run, secureStack } from "./support/fixtures";

describe("RS-INGRESS-REDIRECT", () => {
  it("passes when the Traefik release redirects its web entrypoint", () => {
    const out = run(ingressRedirectRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_ingress_v1.api", "helm_release.traefik"]);
  });

  it("passes with the chart 39+ key ports.web.http.redirections (and reports it when the redirect is empty)", () => {
    const json = secureStack();
    const traefik = res(json, "helm_release", "traefik");
    traefik.version = "41.3.0";
    traefik.values = ["ports:\n  web:\n    http:\n      redirections:\n        entryPoint:\n          to: websecure\n          scheme: https\n"];
    expect(run(ingressRedirectRule, json).findings).toEqual([]);
    traefik.values = ["ports:\n  web:\n    http:\n      redirections:\n        entryPoint: {}\n"];
    const out = run(ingressRedirectRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.messages[0]).toContain('kubernetes_ingress_v1.api (ingress class "traefik") has no HTTP→HTTPS redirect');
  });

  it("reports an ingress when nothing redirects HTTP", () => {
    const json = secureStack();
    res(json, "helm_release", "traefik").values = ["ports:\n  web:\n    port: 8000\n"];
    const out = run(ingressRedirectRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-INGRESS-REDIRECT", address: "kubernetes_ingress_v1.api" });
    expect(out.messages[0]).toContain('kubernetes_ingress_v1.api (ingress class "traefik") has no HTTP→HTTPS redirect');
  });

  it("accepts a redirect middleware annotation, //.readystack.redirect, or additionalArguments", () => {
    const json = secureStack();
    const traefik = res(json, "helm_release", "traefik");
    traefik.values = [];
    traefik.set = [{ name: "additionalArguments[0]", value: "x" }];
    const ing = res(json, "kubernetes_ingress_v1", "api");
    ing.metadata.annotations["traefik.ingress.kubernetes.io/router.middlewares"] = "shop-redirect-https@kubernetescrd";
    expect(run(ingressRedirectRule, json).findings).toEqual([]);
    delete ing.metadata.annotations["traefik.ingress.kubernetes.io/router.middlewares"];
    ing["//"].readystack = { redirect: true };
    expect(run(ingressRedirectRule, json).findings).toEqual([]);
    delete ing["//"].readystack.redirect;
    traefik.values = ["additionalArguments:\n  - --entryPoints.web.http.redirections.entryPoint.to=websecure\n"];
    expect(run(ingressRedirectRule, json).findings).toEqual([]);
  });
});
