import { findingAt, hpas, pdbs, selectPods, type PdbView } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-HPA-PDB: the pods an HPA scales are protected by a PodDisruptionBudget that still lets nodes drain. */
export const hpaPdbRule: Rule = {
  id: "RS-HPA-PDB",
  criterion: "autoscaling",
  level: "recommended",
  title: "Every autoscaled workload has a PodDisruptionBudget selecting its pods that still allows one eviction",
  rationale:
    "Without a PDB a node drain or cluster upgrade may evict all replicas at once; a PDB that allows no eviction at minimum scale " +
    "blocks drains for ever.",
  remediation:
    "Add a kubernetes_pod_disruption_budget_v1 whose selector matches the pod labels, with max_unavailable = 1 (or min_available below min_replicas).",
  check(ctx: RuleContext): RuleOutcome {
    // Index once: workload address → PDBs selecting its pods.
    const byWorkload = new Map<string, PdbView[]>();
    for (const p of pdbs(ctx)) {
      for (const w of selectPods(ctx, p.namespace, p.selector)) {
        const list = byWorkload.get(w.resource.address);
        if (list) list.push(p);
        else byWorkload.set(w.resource.address, [p]);
      }
    }
    const findings = [];
    const evidence: string[] = [];
    for (const h of hpas(ctx)) {
      const t = h.target;
      if (!t) continue; // RS-HPA-TARGET reports it
      const covering = byWorkload.get(t.resource.address) ?? [];
      if (covering.length === 0) {
        findings.push(findingAt(t.resource,
          `${t.resource.address} (scaled by ${h.resource.address}) has no PodDisruptionBudget selecting its pod labels {${Object.entries(t.podLabels).map(([k, v]) => `${k}=${v}`).join(", ")}}.`,
          `Add a kubernetes_pod_disruption_budget_v1 in namespace ${t.namespace} selecting ${t.resource.address}'s pods.`));
        continue;
      }
      let ok = true;
      for (const p of covering) {
        const blocks =
          (p.maxUnavailable !== undefined && /^0%?$/.test(p.maxUnavailable.trim())) ||
          (p.minAvailable !== undefined && /^\d+$/.test(p.minAvailable) && Number(p.minAvailable) >= h.minReplicas) ||
          p.minAvailable === "100%";
        if (blocks) {
          ok = false;
          findings.push(findingAt(p.resource,
            `${p.resource.address} (${p.maxUnavailable !== undefined ? `max_unavailable = ${p.maxUnavailable}` : `min_available = ${p.minAvailable}`}) allows no eviction of ${t.resource.address} at min_replicas = ${h.minReplicas}.`,
            "Use max_unavailable = 1, or a min_available below the HPA's min_replicas."));
        }
      }
      if (ok) evidence.push(t.resource.address, ...covering.map((p) => p.resource.address));
    }
    return { findings, evidence: [...new Set(evidence)] };
  },
};
