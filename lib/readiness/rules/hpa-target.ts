import { apiWorkloads, asList, block, findingOn, hpas, scalarString, staticString, type Workload } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** Whether the target's replica count is left to the HPA (no static replicas, or Terraform ignores changes to it). */
function replicasLeftToHpa(w: Workload): boolean {
  if (w.spec.replicas === undefined || w.spec.replicas === null) return true;
  if (w.model.origin !== "kubernetes-resource" && w.model.origin !== "kubernetes-manifest") return false;
  const lifecycle = block(w.resource.body, "lifecycle");
  const ignored = lifecycle?.ignore_changes;
  if (ignored === "all") return true;
  return asList(ignored).some((i) => typeof i === "string" && /replicas/.test(i));
}

/** RS-HPA-TARGET: every HPA scales a workload of the stack that can be scaled on CPU, and every API has an HPA. */
export const hpaTargetRule: Rule = {
  id: "RS-HPA-TARGET",
  criterion: "autoscaling",
  level: "recommended",
  title: "Every API Deployment has an HPA, whose target exists, has cpu requests and no static replicas",
  rationale:
    "An HPA whose target name is wrong does nothing; CPU utilisation is a percentage of requests, so a target without cpu requests " +
    "cannot be scaled on CPU; and a static replicas count makes every terraform apply scale the Deployment back down.",
  remediation:
    "Give each API Deployment a HorizontalPodAutoscaler (kubernetes_horizontal_pod_autoscaler_v2) whose spec.scaleTargetRef names it " +
    "(by reference), set resources.requests.cpu on its containers, and drop spec.replicas (or add it to lifecycle.ignore_changes).",
  check(ctx: RuleContext): RuleOutcome {
    const apis = apiWorkloads(ctx);
    const apiKeys = new Set(apis.map((w) => w.key));
    const findings = [];
    const evidence: string[] = [];
    const scaled = new Set<string>();
    for (const h of hpas(ctx)) {
      if (!h.target) {
        const name = staticString(ctx, h.targetName) ?? String(h.targetName);
        findings.push(findingOn(h.model, `${h.at} spec.scaleTargetRef ${h.targetKind} "${name}" is not a workload of the stack in namespace ${h.namespace}.`,
          `Point spec.scaleTargetRef of ${h.at} at the Deployment (reference its metadata.name).`));
        continue;
      }
      const t = h.target;
      scaled.add(t.key);
      if (!apiKeys.has(t.key)) continue; // the rule is about the API; other HPAs only need a target
      const problems: string[] = [];
      for (const c of t.containers) {
        const cpu = scalarString(ctx.staticValue(block(c.body, "resources", "requests")?.cpu));
        if (cpu === undefined || cpu === "") problems.push(`${c.label} has no resources.requests.cpu`);
      }
      if (!replicasLeftToHpa(t)) problems.push(`it sets static spec.replicas = ${scalarString(t.spec.replicas) ?? "?"}, which every apply resets`);
      if (problems.length > 0) {
        findings.push(findingOn(t.model, `${t.at}, scaled by ${h.at}: ${problems.join("; ")}.`,
          `Set resources.requests.cpu on every container of ${t.at} and remove spec.replicas (or ignore_changes it).`));
      } else {
        evidence.push(h.at, t.at);
      }
    }
    for (const api of apis) {
      if (scaled.has(api.key)) continue;
      findings.push(findingOn(api.model, `${api.at} has no HorizontalPodAutoscaler (no HPA's spec.scaleTargetRef names it).`,
        `Add a HorizontalPodAutoscaler (kubernetes_horizontal_pod_autoscaler_v2) for ${api.at} (ApiService creates one).`));
    }
    if (apis.length === 0 && findings.length === 0) return { findings, evidence, applicable: false };
    return { findings, evidence };
  },
};
