import {
  findingOn,
  isEmptySelector,
  namespaceOf,
  objectLabel,
  podIndex,
  readLabelSelector,
  recordAt,
  selectPods,
  showSelector,
  uniqueEvidence,
} from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** RS-NETPOL-SELECTS-PODS: every NetworkPolicy's podSelector matches the pods of a workload in its namespace. */
export const netpolSelectsPodsRule: Rule = {
  id: "RS-NETPOL-SELECTS-PODS",
  criterion: "workload-hygiene",
  level: "recommended",
  packs: ["kubernetes", "readystack"],
  title: "Every NetworkPolicy podSelector matches the pods of a workload in its namespace (an empty podSelector selects all)",
  rationale:
    "A NetworkPolicy that selects no pod does nothing: the allow it was written for is missing (traffic is dropped by the " +
    "default deny) or the restriction it was written for never applies. An empty podSelector selects every pod of the " +
    "namespace and always passes. Selectors on pods that controllers create at run time (cert-manager's HTTP-01 solver) and " +
    "namespaces with Helm releases that were not rendered are not checked.",
  remediation: "Make spec.podSelector match the workload's spec.template.metadata.labels (same namespace), or remove the policy.",
  check(ctx: RuleContext): RuleOutcome {
    const index = podIndex(ctx);
    const policies = ctx.objectsOfKind("NetworkPolicy");
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const np of policies) {
      const ns = namespaceOf(ctx, np);
      const selector = readLabelSelector(recordAt(np.object, "spec")?.podSelector) ?? { matchLabels: {}, matchExpressions: [] };
      if (isEmptySelector(selector)) {
        clean.push(np);
        continue;
      }
      const selection = selectPods(index, ns, selector);
      if (!selection.known) continue;
      if (selection.workloads.length > 0) clean.push(np);
      else findings.push(findingOn(np, `${objectLabel(np)}: spec.podSelector ${showSelector(selector)} matches no pod template in namespace ${ns}.`));
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: policies.length > 0 };
  },
};
