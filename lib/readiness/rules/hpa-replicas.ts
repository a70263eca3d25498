import { ruleOptions } from "../config/options";
import { apiWorkloads, findingOn, hpas } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";
import { COMPONENTS } from "../../k8s/metadata";

/** RS-HPA-REPLICAS: the API's HPA keeps at least two replicas (option `minReplicas`) and has room to scale. */
export const hpaReplicasRule: Rule = {
  id: "RS-HPA-REPLICAS",
  criterion: "autoscaling",
  level: "recommended",
  title: "Every HPA of an API keeps at least 2 replicas (minReplicas ≥ 2) and can scale out (maxReplicas > minReplicas)",
  rationale:
    "With one replica every rollout, node drain or crash is an outage; an HPA whose maximum equals its minimum never scales.",
  remediation:
    "Set spec.minReplicas to 2 or more and spec.maxReplicas above it (ApiService: autoscaling.minReplicas / autoscaling.maxReplicas; " +
    "ReadyStack: api.autoscaling.minReplicas / api.autoscaling.maxReplicas).",
  options: {
    minReplicas: { type: "integer", default: 2, minimum: 1, description: "Fewest replicas an HPA may keep (spec.minReplicas)." },
  },
  check(ctx: RuleContext): RuleOutcome {
    const least = ruleOptions(ctx, hpaReplicasRule).minReplicas as number;
    const apiKeys = new Set(apiWorkloads(ctx).map((w) => w.key));
    if (apiKeys.size === 0) return { findings: [], evidence: [], applicable: false };
    const findings = [];
    const evidence: string[] = [];
    for (const h of hpas(ctx)) {
      if (!h.target || !apiKeys.has(h.target.key)) continue;
      const problems: string[] = [];
      if (!Number.isFinite(h.minReplicas) || h.minReplicas < least) problems.push(`spec.minReplicas = ${h.minReplicas} (needs ≥ ${least})`);
      if (h.maxReplicas === undefined) problems.push("spec.maxReplicas is not statically known");
      else if (!(h.maxReplicas > h.minReplicas)) problems.push(`spec.maxReplicas = ${h.maxReplicas} is not above spec.minReplicas = ${h.minReplicas}`);
      if (problems.length === 0) evidence.push(h.at);
      else findings.push(findingOn(h.model, `${h.at}: ${problems.join("; ")}.`, fixFor(h.model.resource.readystack.component === COMPONENTS.api, least)));
    }
    return { findings, evidence };
  },
};

/** The fix, naming the prop a user of ApiService/ReadyStack sets when readystack made the HPA. */
function fixFor(madeByReadystack: boolean, least: number): string {
  const spec = `Set spec.minReplicas to ${least} or more and spec.maxReplicas above it`;
  return madeByReadystack
    ? `${spec}: the prop is autoscaling.minReplicas / autoscaling.maxReplicas of ApiService (ReadyStack: api.autoscaling.minReplicas / api.autoscaling.maxReplicas).`
    : `${spec}.`;
}
