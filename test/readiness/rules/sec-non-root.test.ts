import { secNonRootRule } from "../../../lib/readiness/rules/sec-non-root";
import { mainContainer, res, run, secureStack } from "./support/fixtures";

describe("RS-SEC-NON-ROOT", () => {
  it("passes run_as_non_root with a non-zero UID on every container", () => {
    const out = run(secNonRootRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toContain("kubernetes_stateful_set_v1.postgres");
  });

  it("reports run_as_user 0 on an init container", () => {
    const json = secureStack();
    res(json, "kubernetes_deployment_v1", "api").spec.template.spec.init_container[0].security_context.run_as_user = "0";
    const out = run(secNonRootRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-NON-ROOT", address: "kubernetes_deployment_v1.api", severity: "error" });
    expect(out.messages[0]).toBe('kubernetes_deployment_v1.api init container "wait-for-postgres": runAsUser = 0 (root).');
  });

  it("falls back to the pod security context, and reports when neither level says non-root", () => {
    const json = secureStack();
    const api = res(json, "kubernetes_deployment_v1", "api");
    delete mainContainer(api).security_context.run_as_non_root;
    expect(run(secNonRootRule, json).findings).toEqual([]);
    delete api.spec.template.spec.security_context.run_as_non_root;
    expect(run(secNonRootRule, json).messages).toEqual([
      'kubernetes_deployment_v1.api container "api": runAsNonRoot = unset (needs true at pod or container level).',
    ]);
  });
});
