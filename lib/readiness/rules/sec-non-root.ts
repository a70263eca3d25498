import { checkEveryContainer, isTrue, podSecurityContext, scalarString, shown } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SEC-NON-ROOT: containers run as non-root (run_as_non_root true, run_as_user not 0). */
export const secNonRootRule: Rule = {
  id: "RS-SEC-NON-ROOT",
  criterion: "security",
  level: "mandatory",
  title: "Every container runs as non-root: run_as_non_root true (pod or container) and run_as_user not 0",
  rationale:
    "A process running as root inside a container is one kernel or runtime bug away from root on the node; run_as_non_root makes " +
    "the kubelet refuse to start an image that would run as UID 0.",
  remediation:
    "Set security_context.run_as_non_root = true and an explicit non-zero run_as_user at pod level (securePodSecurityContext) or on each container.",
  check(ctx: RuleContext): RuleOutcome {
    return checkEveryContainer(
      ctx,
      (w, c) => {
        const pod = podSecurityContext(w);
        const nonRoot = c.securityContext?.run_as_non_root ?? pod?.run_as_non_root;
        const user = c.securityContext?.run_as_user ?? pod?.run_as_user;
        const uid = scalarString(ctx.staticValue(user));
        if (uid !== undefined && uid.trim() === "0") return `run_as_user = ${shown(user)} (root)`;
        if (!isTrue(nonRoot)) return `run_as_non_root = ${shown(nonRoot)} (needs true at pod or container level)`;
        return undefined;
      },
      (w, c) => `Set run_as_non_root = true and a non-zero run_as_user for ${c.label} of ${w.resource.address}.`,
    );
  },
};
