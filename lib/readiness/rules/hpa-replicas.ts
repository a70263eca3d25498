import { ruleOptions } from "../config/options";
import { findingAt, hpas } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-HPA-REPLICAS: an HPA keeps at least two replicas and has room to scale. */
export const hpaReplicasRule: Rule = {
  id: "RS-HPA-REPLICAS",
  criterion: "autoscaling",
  level: "recommended",
  title: "Every HPA keeps at least 2 replicas (min_replicas ≥ 2) and can scale out (max_replicas > min_replicas)",
  rationale:
    "With one replica every rollout, node drain or crash is an outage; an HPA whose maximum equals its minimum never scales.",
  remediation: "Set min_replicas to 2 or more and max_replicas above it.",
  options: {
    minReplicas: { type: "integer", default: 2, minimum: 1, description: "Fewest replicas an HPA may keep (min_replicas)." },
  },
  check(ctx: RuleContext): RuleOutcome {
    const least = ruleOptions(ctx, hpaReplicasRule).minReplicas as number;
    const findings = [];
    const evidence: string[] = [];
    for (const h of hpas(ctx)) {
      const problems: string[] = [];
      if (!Number.isFinite(h.minReplicas) || h.minReplicas < least) problems.push(`min_replicas = ${h.minReplicas} (needs ≥ ${least})`);
      if (h.maxReplicas === undefined) problems.push("max_replicas is not statically known");
      else if (!(h.maxReplicas > h.minReplicas)) problems.push(`max_replicas = ${h.maxReplicas} is not above min_replicas = ${h.minReplicas}`);
      if (problems.length === 0) evidence.push(h.resource.address);
      else findings.push(findingAt(h.resource, `${h.resource.address}: ${problems.join("; ")}.`));
    }
    return { findings, evidence };
  },
};
