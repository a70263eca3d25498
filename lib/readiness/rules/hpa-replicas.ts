import { apiWorkloads, findingOn, hpas } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-HPA-REPLICAS: the API's HPA keeps at least two replicas and has room to scale. */
export const hpaReplicasRule: Rule = {
  id: "RS-HPA-REPLICAS",
  criterion: "autoscaling",
  level: "recommended",
  title: "Every HPA of an API keeps at least 2 replicas (minReplicas ≥ 2) and can scale out (maxReplicas > minReplicas)",
  rationale:
    "With one replica every rollout, node drain or crash is an outage; an HPA whose maximum equals its minimum never scales.",
  remediation: "Set spec.minReplicas to 2 or more and spec.maxReplicas above it.",
  check(ctx: RuleContext): RuleOutcome {
    const apiKeys = new Set(apiWorkloads(ctx).map((w) => w.key));
    if (apiKeys.size === 0) return { findings: [], evidence: [], applicable: false };
    const findings = [];
    const evidence: string[] = [];
    for (const h of hpas(ctx)) {
      if (!h.target || !apiKeys.has(h.target.key)) continue;
      const problems: string[] = [];
      if (!Number.isFinite(h.minReplicas) || h.minReplicas < 2) problems.push(`spec.minReplicas = ${h.minReplicas} (needs ≥ 2)`);
      if (h.maxReplicas === undefined) problems.push("spec.maxReplicas is not statically known");
      else if (!(h.maxReplicas > h.minReplicas)) problems.push(`spec.maxReplicas = ${h.maxReplicas} is not above spec.minReplicas = ${h.minReplicas}`);
      if (problems.length === 0) evidence.push(h.at);
      else findings.push(findingOn(h.model, `${h.at}: ${problems.join("; ")}.`));
    }
    return { findings, evidence };
  },
};
