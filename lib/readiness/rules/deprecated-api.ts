import { deprecatedApi } from "../data/deprecated-apis";
import { findingOn, objectLabel, uniqueEvidence } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** RS-DEPRECATED-API: no object uses an API version Kubernetes has deprecated or stopped serving. */
export const deprecatedApiRule: Rule = {
  id: "RS-DEPRECATED-API",
  criterion: "workload-hygiene",
  level: "recommended",
  packs: ["kubernetes", "readystack"],
  title: "No object uses a deprecated or removed Kubernetes API version (e.g. extensions/v1beta1 Ingress, policy/v1beta1 PodDisruptionBudget)",
  rationale:
    "An API version that is no longer served makes the apply fail on current clusters (`no matches for kind`); a deprecated " +
    "one will, at the next upgrade. The versions come from the Kubernetes Deprecated API Migration Guide " +
    "(lib/readiness/data/deprecated-apis.ts).",
  remediation: "Move the object to the replacement apiVersion (mind the field changes the migration guide lists).",
  check(ctx: RuleContext): RuleOutcome {
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const o of ctx.objects) {
      const d = deprecatedApi(o.object.apiVersion, o.object.kind);
      if (d === undefined) {
        clean.push(o);
        continue;
      }
      const since = d.deprecatedIn !== undefined ? ` (deprecated in ${d.deprecatedIn})` : "";
      findings.push(
        findingOn(
          o,
          `${objectLabel(o)}: apiVersion ${d.apiVersion} of ${d.kind} is no longer served since Kubernetes ${d.removedIn}${since}; use ${d.replacement}.`,
          `Change apiVersion of ${objectLabel(o)} to ${d.replacement}.`,
        ),
      );
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: ctx.objects.length > 0 };
  },
};
