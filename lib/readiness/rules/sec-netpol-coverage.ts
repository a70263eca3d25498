import {
  findingAt, isEmptySelector, manifests, readSelector, resourcesOfTypes, namespaceOf, block, selectPods, workloads,
  type LabelSelector,
} from "../k8s-model";
import type { ResourceView, Rule, RuleContext, RuleOutcome } from "../types";

const NETPOL_TYPES = ["kubernetes_network_policy_v1", "kubernetes_network_policy"] as const;

/** RS-SEC-NETPOL-COVERAGE: every workload's pods are selected by a NetworkPolicy of their namespace. */
export const secNetpolCoverageRule: Rule = {
  id: "RS-SEC-NETPOL-COVERAGE",
  criterion: "security",
  level: "mandatory",
  title: "Every workload's pods are selected by a NetworkPolicy in their namespace",
  rationale:
    "Pods no NetworkPolicy selects accept traffic from every pod in the cluster: one compromised pod anywhere can reach the " +
    "database. A default-deny policy (empty pod_selector) plus explicit allows limits the blast radius.",
  remediation:
    "Add a default-deny kubernetes_network_policy_v1 (pod_selector {}) in each namespace and allow the flows the stack needs " +
    "(NetworkPolicies does this).",
  check(ctx: RuleContext): RuleOutcome {
    const policies: { resource: ResourceView; namespace: string; selector: LabelSelector }[] = [];
    for (const r of resourcesOfTypes(ctx, NETPOL_TYPES)) {
      policies.push({ resource: r, namespace: namespaceOf(ctx, r), selector: readSelector(ctx, block(r.body, "spec")?.pod_selector) });
    }
    for (const m of manifests(ctx)) {
      if (m.kind !== "NetworkPolicy") continue;
      policies.push({ resource: m.resource, namespace: m.namespace, selector: readSelector(ctx, block(m.manifest, "spec")?.podSelector) });
    }
    const wholeNamespace = new Map<string, string>();
    const covered = new Map<string, string>();
    for (const p of policies) {
      if (isEmptySelector(p.selector)) {
        if (!wholeNamespace.has(p.namespace)) wholeNamespace.set(p.namespace, p.resource.address);
        continue;
      }
      for (const w of selectPods(ctx, p.namespace, p.selector)) if (!covered.has(w.resource.address)) covered.set(w.resource.address, p.resource.address);
    }
    const findings = [];
    const evidence: string[] = [];
    for (const w of workloads(ctx)) {
      const by = wholeNamespace.get(w.namespace) ?? covered.get(w.resource.address);
      if (by !== undefined) {
        evidence.push(w.resource.address);
        continue;
      }
      const labels = Object.entries(w.podLabels).map(([k, v]) => `${k}=${v}`).join(", ");
      findings.push(findingAt(w.resource,
        `${w.resource.address} pods {${labels}} in namespace ${w.namespace} are selected by no NetworkPolicy: they accept traffic from anywhere.`,
        `Add a default-deny NetworkPolicy (empty pod_selector) in namespace ${w.namespace}, or one selecting ${w.resource.address}'s pods.`));
    }
    return { findings, evidence: [...evidence, ...wholeNamespace.values()] };
  },
};
