import { secCapsDroppedRule } from "../../../lib/readiness/rules/sec-caps-dropped";
import { mainContainer, res, run, secureStack } from "./support/fixtures";

describe("RS-SEC-CAPS-DROPPED", () => {
  it("passes capabilities.drop = [ALL]", () => {
    const out = run(secCapsDroppedRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toContain("kubernetes_stateful_set_v1.postgres");
  });

  it("reports a container that drops only some capabilities", () => {
    const json = secureStack();
    mainContainer(res(json, "kubernetes_stateful_set_v1", "postgres")).security_context.capabilities = { drop: ["NET_RAW"] };
    const out = run(secCapsDroppedRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-CAPS-DROPPED", address: "kubernetes_stateful_set_v1.postgres" });
    expect(out.messages[0]).toBe('kubernetes_stateful_set_v1.postgres container "postgres": securityContext.capabilities.drop = ["NET_RAW"] (needs "ALL").');
  });
});
