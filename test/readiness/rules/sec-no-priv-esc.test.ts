import { secNoPrivEscRule } from "../../../lib/readiness/rules/sec-no-priv-esc";
import { mainContainer, res, run, secureStack } from "./support/fixtures";

describe("RS-SEC-NO-PRIV-ESC", () => {
  it("passes allow_privilege_escalation = false everywhere", () => {
    const out = run(secNoPrivEscRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toContain("kubernetes_deployment_v1.api");
  });

  it("reports a container that leaves it unset (Kubernetes then allows escalation)", () => {
    const json = secureStack();
    delete mainContainer(res(json, "kubernetes_deployment_v1", "redis")).security_context.allow_privilege_escalation;
    const out = run(secNoPrivEscRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-NO-PRIV-ESC", address: "kubernetes_deployment_v1.redis" });
    expect(out.messages[0]).toBe('kubernetes_deployment_v1.redis container "redis": securityContext.allowPrivilegeEscalation = unset (needs false).');
  });
});
