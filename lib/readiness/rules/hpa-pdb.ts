import { apiWorkloads, findingOn, hpas, pdbs, selectPods, type PdbView } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-HPA-PDB: the API pods an HPA scales are protected by a PodDisruptionBudget that still lets nodes drain. */
export const hpaPdbRule: Rule = {
  id: "RS-HPA-PDB",
  criterion: "autoscaling",
  level: "recommended",
  title: "Every autoscaled API workload has a PodDisruptionBudget selecting its pods that still allows one eviction",
  rationale:
    "Without a PDB a node drain or cluster upgrade may evict all replicas at once; a PDB that allows no eviction at minimum scale " +
    "blocks drains for ever.",
  remediation:
    "Add a PodDisruptionBudget (kubernetes_pod_disruption_budget_v1) whose spec.selector matches the pod labels, with " +
    "maxUnavailable: 1 (or minAvailable below the HPA's minReplicas).",
  check(ctx: RuleContext): RuleOutcome {
    const apiKeys = new Set(apiWorkloads(ctx).map((w) => w.key));
    if (apiKeys.size === 0) return { findings: [], evidence: [], applicable: false };
    // Index once: workload key → PDBs selecting its pods.
    const byWorkload = new Map<string, PdbView[]>();
    for (const p of pdbs(ctx)) {
      for (const w of selectPods(ctx, p.namespace, p.selector)) {
        const list = byWorkload.get(w.key);
        if (list) list.push(p);
        else byWorkload.set(w.key, [p]);
      }
    }
    const findings = [];
    const evidence: string[] = [];
    for (const h of hpas(ctx)) {
      const t = h.target;
      if (!t || !apiKeys.has(t.key)) continue; // RS-HPA-TARGET reports missing targets
      const covering = byWorkload.get(t.key) ?? [];
      if (covering.length === 0) {
        findings.push(findingOn(t.model,
          `${t.at} (scaled by ${h.at}) has no PodDisruptionBudget selecting its pod labels {${Object.entries(t.podLabels).map(([k, v]) => `${k}=${v}`).join(", ")}}.`,
          `Add a PodDisruptionBudget in namespace ${t.namespace} selecting ${t.at}'s pods.`));
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
          findings.push(findingOn(p.model,
            `${p.at} (${p.maxUnavailable !== undefined ? `spec.maxUnavailable = ${p.maxUnavailable}` : `spec.minAvailable = ${p.minAvailable}`}) allows no eviction of ${t.at} at minReplicas = ${h.minReplicas}.`,
            "Use spec.maxUnavailable: 1, or a spec.minAvailable below the HPA's minReplicas."));
        }
      }
      if (ok) evidence.push(t.at, ...covering.map((p) => p.at));
    }
    return { findings, evidence: [...new Set(evidence)] };
  },
};
