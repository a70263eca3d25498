import { checkEveryContainer, isTrue, podSecurityContext, scalarString, shown } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SEC-NON-ROOT: containers run as non-root (runAsNonRoot true, runAsUser not 0). */
export const secNonRootRule: Rule = {
  id: "RS-SEC-NON-ROOT",
  criterion: "security",
  level: "mandatory",
  title: "Every container runs as non-root: runAsNonRoot true (pod or container) and runAsUser not 0",
  rationale:
    "A process running as root inside a container is one kernel or runtime bug away from root on the node; runAsNonRoot makes " +
    "the kubelet refuse to start an image that would run as UID 0.",
  remediation:
    "Set securityContext.runAsNonRoot: true and an explicit non-zero runAsUser at pod level (securePodSecurityContext) or on each container.",
  check(ctx: RuleContext): RuleOutcome {
    return checkEveryContainer(
      ctx,
      (w, c) => {
        const pod = podSecurityContext(w);
        const nonRoot = c.securityContext?.runAsNonRoot ?? pod?.runAsNonRoot;
        const user = c.securityContext?.runAsUser ?? pod?.runAsUser;
        const uid = scalarString(ctx.staticValue(user));
        if (uid !== undefined && uid.trim() === "0") return `runAsUser = ${shown(user)} (root)`;
        if (!isTrue(nonRoot)) return `runAsNonRoot = ${shown(nonRoot)} (needs true at pod or container level)`;
        return undefined;
      },
      (w, c) => `Set securityContext.runAsNonRoot: true and a non-zero runAsUser for ${c.label} of ${w.at}.`,
    );
  },
};
