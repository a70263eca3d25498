import { rbacWildcardRule } from "../../../lib/readiness/rules/rbac-wildcard";
import { run } from "./support/fixtures";
import { manifestStack } from "./support/manifests";

function role(rules: unknown[]) {
  return { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "app", namespace: "shop" }, rules };
}

describe("RS-RBAC-WILDCARD", () => {
  it("passes rules that list resources and verbs", () => {
    const out = run(rbacWildcardRule, manifestStack({ role: role([{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }]) }));
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.role"]);
  });

  it("reports \"*\" verbs and \"*\" resources with their rule index", () => {
    const json = manifestStack({
      role: role([
        { apiGroups: [""], resources: ["configmaps"], verbs: ["get"] },
        { apiGroups: ["apps"], resources: ["deployments"], verbs: ["*"] },
        { apiGroups: ["*"], resources: ["*"], verbs: ["get"] },
      ]),
    });
    const out = run(rbacWildcardRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-RBAC-WILDCARD", address: "kubernetes_manifest.role" });
    expect(out.messages[0]).toBe('kubernetes_manifest.role: rules[1].verbs; rules[2].resources (with rules[2].apiGroups "*") contain "*".');
  });
});
