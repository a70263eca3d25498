import { findingOn, isFalse, isTrue, nameOf, namespaceOf, objectLabel, staticString, uniqueEvidence, workloadsOf } from "../model/pod-views";
import type { ModelObject } from "../model/object";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** A boolean field as a decision: true, false, or undefined when unset. */
function decision(value: unknown): boolean | undefined {
  if (isTrue(value)) return true;
  if (isFalse(value)) return false;
  return undefined;
}

/**
 * RS-SEC-SA-TOKEN: mounting the ServiceAccount token is a decision, never the default. A pod passes when its spec sets
 * automountServiceAccountToken (false, or true for a pod that talks to the Kubernetes API), or when its ServiceAccount
 * (in the stack) sets it. Unset on both: Kubernetes mounts the token into every container.
 */
export const secSaTokenRule: Rule = {
  id: "RS-SEC-SA-TOKEN",
  criterion: "security",
  level: "recommended",
  packs: ["kubernetes", "readystack"],
  title: "No pod gets a ServiceAccount token by default: automountServiceAccountToken is set on the pod or its ServiceAccount",
  rationale:
    "Kubernetes mounts an API token into every container unless told otherwise; most applications never call the Kubernetes " +
    "API, and the token is the first thing an attacker uses after a compromise. A pod that needs it says so with true.",
  remediation:
    "Set automountServiceAccountToken: false on the pod spec or on its ServiceAccount (true only for pods that call the " +
    "Kubernetes API, with an RBAC Role that grants just what they use).",
  check(ctx: RuleContext): RuleOutcome {
    const workloads = workloadsOf(ctx);
    const accounts = new Map<string, ModelObject>();
    for (const sa of ctx.objectsOfKind("ServiceAccount")) accounts.set(`${namespaceOf(ctx, sa)}/${nameOf(ctx, sa.object) ?? ""}`, sa);
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const w of workloads) {
      if (decision(w.pod.spec.automountServiceAccountToken) !== undefined) {
        clean.push(w.model);
        continue;
      }
      const named = w.pod.spec.serviceAccountName ?? w.pod.spec.serviceAccount;
      const saName = named === undefined ? "default" : staticString(ctx, named) ?? String(named);
      const sa = accounts.get(`${w.namespace}/${saName}`);
      if (sa !== undefined && decision(sa.object.automountServiceAccountToken) !== undefined) {
        clean.push(w.model);
        continue;
      }
      const account = sa === undefined ? `ServiceAccount "${saName}" (not in the stack)` : `ServiceAccount "${saName}" (${objectLabel(sa)})`;
      findings.push(
        findingOn(
          w.model,
          `${objectLabel(w.model)}: ${w.pod.specPath}.automountServiceAccountToken is unset and ${account} does not set ` +
            "automountServiceAccountToken: the API token is mounted into every container.",
          `Set ${w.pod.specPath}.automountServiceAccountToken: false on ${objectLabel(w.model)} (true only if it calls the Kubernetes API).`,
        ),
      );
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: workloads.length > 0 };
  },
};
