import { findingOn, isEmptySelector, namespaceOfObject, objectLabel, readSelector, selectPods, workloads, first } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SEC-NETPOL-COVERAGE: every workload's pods are selected by a NetworkPolicy of their namespace. */
export const secNetpolCoverageRule: Rule = {
  id: "RS-SEC-NETPOL-COVERAGE",
  criterion: "security",
  level: "mandatory",
  title: "Every workload's pods are selected by a NetworkPolicy in their namespace",
  rationale:
    "Pods no NetworkPolicy selects accept traffic from every pod in the cluster: one compromised pod anywhere can reach the " +
    "database. A default-deny policy (empty podSelector) plus explicit allows limits the blast radius.",
  remediation:
    "Add a default-deny NetworkPolicy (spec.podSelector: {}) in each namespace and allow the flows the stack needs " +
    "(NetworkPolicies does this).",
  check(ctx: RuleContext): RuleOutcome {
    const all = workloads(ctx);
    if (all.length === 0) return { findings: [], evidence: [], applicable: false };
    const wholeNamespace = new Map<string, string>();
    const covered = new Map<string, string>();
    for (const p of ctx.objectsOfKind("NetworkPolicy")) {
      const namespace = namespaceOfObject(ctx, p);
      const selector = readSelector(ctx, first(p.object.spec)?.podSelector);
      if (isEmptySelector(selector)) {
        if (!wholeNamespace.has(namespace)) wholeNamespace.set(namespace, objectLabel(p));
        continue;
      }
      for (const w of selectPods(ctx, namespace, selector)) if (!covered.has(w.key)) covered.set(w.key, objectLabel(p));
    }
    const findings = [];
    const evidence: string[] = [];
    for (const w of all) {
      const by = wholeNamespace.get(w.namespace) ?? covered.get(w.key);
      if (by !== undefined) {
        evidence.push(w.at);
        continue;
      }
      const labels = Object.entries(w.podLabels).map(([k, v]) => `${k}=${v}`).join(", ");
      findings.push(findingOn(w.model,
        `${w.at} pods {${labels}} in namespace ${w.namespace} are selected by no NetworkPolicy: they accept traffic from anywhere.`,
        `Add a default-deny NetworkPolicy (empty spec.podSelector) in namespace ${w.namespace}, or one selecting ${w.at}'s pods.`));
    }
    return { findings, evidence: [...evidence, ...wholeNamespace.values()] };
  },
};
