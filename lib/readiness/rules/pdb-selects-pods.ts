import { findingOn, namespaceOf, objectLabel, podIndex, readLabelSelector, recordAt, selectPods, showSelector, uniqueEvidence } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** RS-PDB-SELECTS-PODS: every PodDisruptionBudget selects the pods of a workload in its namespace. */
export const pdbSelectsPodsRule: Rule = {
  id: "RS-PDB-SELECTS-PODS",
  criterion: "workload-hygiene",
  level: "recommended",
  packs: ["kubernetes", "readystack"],
  title: "Every PodDisruptionBudget selector matches the pods of a workload in its namespace",
  rationale:
    "A PodDisruptionBudget that selects no pod protects nothing: a node drain evicts every replica at once, though the " +
    "budget looks in place. In policy/v1 an unset selector selects no pod and an empty one selects every pod of the namespace.",
  remediation: "Make spec.selector match the workload's spec.template.metadata.labels (same namespace).",
  check(ctx: RuleContext): RuleOutcome {
    const index = podIndex(ctx);
    const pdbs = ctx.objectsOfKind("PodDisruptionBudget");
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const pdb of pdbs) {
      const ns = namespaceOf(ctx, pdb);
      const selector = readLabelSelector(recordAt(pdb.object, "spec")?.selector);
      if (selector === undefined) {
        findings.push(findingOn(pdb, `${objectLabel(pdb)}: spec.selector is unset, so the budget selects no pod.`));
        continue;
      }
      const selection = selectPods(index, ns, selector);
      if (!selection.known) continue;
      if (selection.workloads.length > 0) clean.push(pdb);
      else findings.push(findingOn(pdb, `${objectLabel(pdb)}: spec.selector ${showSelector(selector)} matches no pod template in namespace ${ns}.`));
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: pdbs.length > 0 };
  },
};
