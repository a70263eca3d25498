import { apiWorkloads, asList, block, findingAt, hpas, scalarString, staticString, type Workload } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** Whether Terraform leaves the target's replica count to the HPA (no static replicas, or replicas in ignore_changes). */
function replicasLeftToHpa(w: Workload): boolean {
  if (w.spec.replicas === undefined || w.spec.replicas === null) return true;
  const lifecycle = block(w.resource.body, "lifecycle");
  const ignored = lifecycle?.ignore_changes;
  if (ignored === "all") return true;
  return asList(ignored).some((i) => typeof i === "string" && /replicas/.test(i));
}

/** RS-HPA-TARGET: every HPA scales a Deployment of the stack that can be scaled on CPU, and every API has an HPA. */
export const hpaTargetRule: Rule = {
  id: "RS-HPA-TARGET",
  criterion: "autoscaling",
  level: "recommended",
  title: "Every API Deployment has an HPA, whose target exists, has cpu requests and no static replicas",
  rationale:
    "An HPA whose target name is wrong does nothing; CPU utilisation is a percentage of requests, so a target without cpu requests " +
    "cannot be scaled on CPU; and a static replicas count makes every terraform apply scale the Deployment back down.",
  remediation:
    "Give each API Deployment a kubernetes_horizontal_pod_autoscaler_v2 whose scale_target_ref names it (by reference), set cpu " +
    "requests on its containers, and drop spec.replicas (or add it to lifecycle.ignore_changes).",
  check(ctx: RuleContext): RuleOutcome {
    const findings = [];
    const evidence: string[] = [];
    const scaled = new Set<string>();
    for (const h of hpas(ctx)) {
      const at = h.resource.address;
      if (!h.target) {
        const name = staticString(ctx, h.targetName) ?? String(h.targetName);
        findings.push(findingAt(h.resource, `${at} scale_target_ref ${h.targetKind} "${name}" is not a workload of the stack in namespace ${h.namespace}.`,
          `Point scale_target_ref of ${at} at the Deployment (reference its metadata.name).`));
        continue;
      }
      const t = h.target;
      scaled.add(t.resource.address);
      const problems: string[] = [];
      for (const c of t.containers) {
        const cpu = scalarString(ctx.staticValue(block(c.body, "resources", "requests")?.cpu));
        if (cpu === undefined || cpu === "") problems.push(`${c.label} has no requests.cpu`);
      }
      if (!replicasLeftToHpa(t)) problems.push(`it sets static replicas = ${scalarString(t.spec.replicas) ?? "?"}, which every apply resets`);
      if (problems.length > 0) {
        findings.push(findingAt(t.resource, `${t.resource.address}, scaled by ${at}: ${problems.join("; ")}.`,
          `Set cpu requests on every container of ${t.resource.address} and remove spec.replicas (or ignore_changes it).`));
      } else {
        evidence.push(at, t.resource.address);
      }
    }
    for (const api of apiWorkloads(ctx)) {
      if (scaled.has(api.resource.address)) continue;
      findings.push(findingAt(api.resource, `${api.resource.address} has no HorizontalPodAutoscaler (no HPA's scale_target_ref names it).`,
        `Add a kubernetes_horizontal_pod_autoscaler_v2 for ${api.resource.address} (ApiService creates one).`));
    }
    return { findings, evidence };
  },
};
