import { findingOn, objectLabel, recordAt, recordList, uniqueEvidence } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** RS-RBAC-CLUSTER-ADMIN: no RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole. */
export const rbacClusterAdminRule: Rule = {
  id: "RS-RBAC-CLUSTER-ADMIN",
  criterion: "security",
  level: "mandatory",
  packs: ["kubernetes", "readystack"],
  title: "No RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole",
  rationale:
    "cluster-admin may do anything to any object: a workload bound to it that is compromised owns the cluster (Secrets of " +
    "every namespace, new privileged pods on every node). Even a RoleBinding to it gives full control of its namespace.",
  remediation: "Bind a Role (or ClusterRole) that lists only the resources and verbs the subject uses.",
  check(ctx: RuleContext): RuleOutcome {
    const bindings = [...ctx.objectsOfKind("ClusterRoleBinding"), ...ctx.objectsOfKind("RoleBinding")];
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const b of bindings) {
      const roleRef = recordAt(b.object, "roleRef");
      if (roleRef?.kind !== "ClusterRole" || roleRef.name !== "cluster-admin") {
        clean.push(b);
        continue;
      }
      const subjects = recordList(b.object.subjects).map((s) =>
        `${String(s.kind ?? "?")} ${s.namespace !== undefined ? `${String(s.namespace)}/` : ""}${String(s.name ?? "?")}`,
      );
      findings.push(
        findingOn(
          b,
          `${objectLabel(b)}: roleRef names ClusterRole cluster-admin, granting every verb on every resource to ${subjects.length > 0 ? subjects.join(", ") : "its subjects"}.`,
        ),
      );
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: bindings.length > 0 };
  },
};
