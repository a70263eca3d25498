import { checkEveryContainer, isFalse, shown } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SEC-NO-PRIV-ESC: allowPrivilegeEscalation false on every container. */
export const secNoPrivEscRule: Rule = {
  id: "RS-SEC-NO-PRIV-ESC",
  criterion: "security",
  level: "mandatory",
  title: "Every container sets securityContext.allowPrivilegeEscalation: false",
  rationale:
    "Privilege escalation (setuid binaries, file capabilities) lets a compromised non-root process become root. Kubernetes allows " +
    "it unless the container says otherwise.",
  remediation: "Set securityContext.allowPrivilegeEscalation: false on every container and init container (provider: security_context.allow_privilege_escalation = false).",
  check(ctx: RuleContext): RuleOutcome {
    return checkEveryContainer(
      ctx,
      (_w, c) => {
        const v = c.securityContext?.allowPrivilegeEscalation;
        return isFalse(v) ? undefined : `securityContext.allowPrivilegeEscalation = ${shown(v)} (needs false)`;
      },
      (w, c) => `Set securityContext.allowPrivilegeEscalation: false on ${c.label} of ${w.at}.`,
    );
  },
};
