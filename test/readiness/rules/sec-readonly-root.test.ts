import { secReadonlyRootRule } from "../../../lib/readiness/rules/sec-readonly-root";
import { mainContainer, res, run, secureStack } from "./support/fixtures";

describe("RS-SEC-READONLY-ROOT", () => {
  it("passes read_only_root_filesystem = true", () => {
    const out = run(secReadonlyRootRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toContain("kubernetes_deployment_v1.redis");
  });

  it("reports a writable root filesystem", () => {
    const json = secureStack();
    mainContainer(res(json, "kubernetes_deployment_v1", "api")).security_context.read_only_root_filesystem = false;
    const out = run(secReadonlyRootRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-READONLY-ROOT", address: "kubernetes_deployment_v1.api" });
    expect(out.messages[0]).toBe('kubernetes_deployment_v1.api container "api": securityContext.readOnlyRootFilesystem = false (needs true).');
  });
});
