import { ingressBackendRule } from "../../../lib/readiness/rules/ingress-backend";
import { res, run, secureStack } from "./support/fixtures";

describe("RS-INGRESS-BACKEND", () => {
  it("passes a backend referencing a Service of the stack by a port name it exposes", () => {
    const out = run(ingressBackendRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_service_v1.api", "kubernetes_ingress_v1.api"]);
  });

  it("reports a backend port the Service does not expose", () => {
    const json = secureStack();
    res(json, "kubernetes_ingress_v1", "api").spec.rule[0].http.path[0].backend.service.port = { number: 8080 };
    const out = run(ingressBackendRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-INGRESS-BACKEND", address: "kubernetes_ingress_v1.api" });
    expect(out.messages[0]).toBe(
      "kubernetes_ingress_v1.api rules[0].http.paths[0] backend uses port 8080 of kubernetes_service_v1.api, which exposes [80/http].",
    );
  });

  it("reports a backend Service that is not in the stack, and finds one by literal name", () => {
    const json = secureStack();
    const backend = res(json, "kubernetes_ingress_v1", "api").spec.rule[0].http.path[0].backend.service;
    backend.name = "api";
    backend.port = { number: 80 };
    expect(run(ingressBackendRule, json).findings).toEqual([]);
    backend.name = "frontend";
    expect(run(ingressBackendRule, json).messages).toEqual([
      'kubernetes_ingress_v1.api rules[0].http.paths[0] backend service "frontend" is not a Service of the stack in namespace shop.',
    ]);
  });
});
