import { createRuleContext } from "../../../lib/readiness/context";
import { rbacClusterAdminRule } from "../../../lib/readiness/rules/rbac-cluster-admin";
import { run } from "./support/fixtures";
import { manifestStack } from "./support/manifests";

function binding(kind: string, role: string) {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind,
    metadata: { name: "ops", ...(kind === "RoleBinding" ? { namespace: "shop" } : {}) },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
    subjects: [{ kind: "ServiceAccount", name: "deployer", namespace: "shop" }],
  };
}

describe("RS-RBAC-CLUSTER-ADMIN", () => {
  it("passes bindings to narrow roles", () => {
    const out = run(rbacClusterAdminRule, manifestStack({ view: binding("ClusterRoleBinding", "view") }));
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.view"]);
  });

  it("reports ClusterRoleBinding and RoleBinding to cluster-admin, naming the subjects", () => {
    const out = run(rbacClusterAdminRule, manifestStack({ crb: binding("ClusterRoleBinding", "cluster-admin"), rb: binding("RoleBinding", "cluster-admin") }));
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_manifest.crb", "kubernetes_manifest.rb"]);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-RBAC-CLUSTER-ADMIN", severity: "error" });
    expect(out.messages[0]).toBe(
      "kubernetes_manifest.crb: roleRef names ClusterRole cluster-admin, granting every verb on every resource to ServiceAccount shop/deployer.",
    );
  });

  it("is not applicable without bindings", () => {
    expect(rbacClusterAdminRule.check(createRuleContext({})).applicable).toBe(false);
  });
});
