import { findingOn, objectLabel, recordList, uniqueEvidence } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** The strings of a list field. */
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

/** RS-RBAC-WILDCARD: no Role or ClusterRole rule grants "*" verbs or "*" resources. */
export const rbacWildcardRule: Rule = {
  id: "RS-RBAC-WILDCARD",
  criterion: "security",
  level: "mandatory",
  packs: ["kubernetes", "readystack"],
  title: "No Role or ClusterRole rule uses \"*\" in verbs or resources",
  rationale:
    "A wildcard grants what exists today and whatever is added later (new resources, CRDs, subresources such as pods/exec): " +
    "the grant can no longer be reviewed, and it usually includes Secrets and escalate/bind/impersonate.",
  remediation: "List the resources and verbs the subject needs (e.g. resources: [\"configmaps\"], verbs: [\"get\", \"list\", \"watch\"]).",
  check(ctx: RuleContext): RuleOutcome {
    const roles = [...ctx.objectsOfKind("ClusterRole"), ...ctx.objectsOfKind("Role")];
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const r of roles) {
      const problems: string[] = [];
      recordList(r.object.rules).forEach((rule, i) => {
        const fields: string[] = [];
        if (strings(rule.verbs).includes("*")) fields.push(`rules[${i}].verbs`);
        if (strings(rule.resources).includes("*")) {
          const groups = strings(rule.apiGroups);
          fields.push(`rules[${i}].resources${groups.includes("*") ? ` (with rules[${i}].apiGroups "*")` : ""}`);
        }
        if (fields.length > 0) problems.push(fields.join(" and "));
      });
      if (problems.length === 0) clean.push(r);
      else findings.push(findingOn(r, `${objectLabel(r)}: ${problems.join("; ")} contain "*".`));
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: roles.length > 0 };
  },
};
