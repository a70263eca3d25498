import { containersOf, findingOn, objectLabel, recordAt, uniqueEvidence, workloadsOf } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

const CONFINED = new Set(["RuntimeDefault", "Localhost"]);

/** The seccomp profile type of a securityContext, when set. */
function profileType(securityContext: unknown): string | undefined {
  const type = recordAt(securityContext, "seccompProfile")?.type;
  return typeof type === "string" ? type : undefined;
}

/** RS-SEC-SECCOMP: every container runs under a seccomp profile (RuntimeDefault or Localhost). */
export const secSeccompRule: Rule = {
  id: "RS-SEC-SECCOMP",
  criterion: "security",
  level: "mandatory",
  packs: ["kubernetes", "readystack"],
  title: "Every container runs under a seccomp profile: seccompProfile.type RuntimeDefault or Localhost, on the pod or on each container",
  rationale:
    "Without a seccomp profile a container may call every system call of the kernel, including the ones most kernel exploits " +
    "need; Kubernetes runs pods Unconfined unless told otherwise. Pod Security `restricted` requires RuntimeDefault or Localhost.",
  remediation: "Set securityContext.seccompProfile.type: RuntimeDefault on the pod spec (or on every container), and no container Unconfined.",
  check(ctx: RuleContext): RuleOutcome {
    const workloads = workloadsOf(ctx);
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const w of workloads) {
      const podType = profileType(w.pod.spec.securityContext);
      const podPath = `${w.pod.specPath}.securityContext.seccompProfile.type`;
      let ok = true;
      for (const c of containersOf(w.pod)) {
        const own = profileType(c.container.securityContext);
        const effective = own ?? podType;
        if (effective !== undefined && CONFINED.has(effective)) continue;
        ok = false;
        const where =
          own !== undefined
            ? `${c.path}.securityContext.seccompProfile.type = ${JSON.stringify(own)}`
            : podType !== undefined
              ? `${podPath} = ${JSON.stringify(podType)} and ${c.path}.securityContext.seccompProfile is unset`
              : `neither ${podPath} nor ${c.path}.securityContext.seccompProfile.type is set`;
        findings.push(findingOn(w.model, `${objectLabel(w.model)} ${c.label}: ${where} (needs RuntimeDefault or Localhost).`));
      }
      if (ok) clean.push(w.model);
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: workloads.length > 0 };
  },
};
