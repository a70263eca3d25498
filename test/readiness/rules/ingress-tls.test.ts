import { ingressTlsRule } from "../../../lib/readiness/rules/ingress-tls";
import { res, run, secureStack } from "./support/fixtures";

describe("RS-INGRESS-TLS", () => {
  it("passes when every rule host is in tls.hosts", () => {
    const out = run(ingressTlsRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_ingress_v1.api"]);
  });

  it("reports a host without TLS", () => {
    const json = secureStack();
    const ing = res(json, "kubernetes_ingress_v1", "api");
    ing.spec.rule.push({ host: "admin.example.com", http: ing.spec.rule[0].http });
    const out = run(ingressTlsRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-INGRESS-TLS", address: "kubernetes_ingress_v1.api", constructPath: "test/ingress" });
    expect(out.messages[0]).toBe('kubernetes_ingress_v1.api: host "admin.example.com" is not in any spec.tls[].hosts (spec.tls[].hosts = [shop.example.com]).');
  });

  it("accepts a wildcard certificate for one level only", () => {
    const json = secureStack();
    const ing = res(json, "kubernetes_ingress_v1", "api");
    ing.spec.tls[0].hosts = ["*.example.com"];
    expect(run(ingressTlsRule, json).findings).toEqual([]);
    ing.spec.rule[0].host = "a.b.example.com";
    expect(run(ingressTlsRule, json).messages).toEqual([expect.stringContaining('host "a.b.example.com" is not in any spec.tls[].hosts')]);
  });
});
