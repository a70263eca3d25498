import { checkEveryContainer, isFalse, shown } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SEC-NO-PRIV-ESC: allow_privilege_escalation false on every container. */
export const secNoPrivEscRule: Rule = {
  id: "RS-SEC-NO-PRIV-ESC",
  criterion: "security",
  level: "mandatory",
  title: "Every container sets allow_privilege_escalation = false",
  rationale:
    "Privilege escalation (setuid binaries, file capabilities) lets a compromised non-root process become root. Kubernetes allows " +
    "it unless the container says otherwise.",
  remediation: "Set security_context.allow_privilege_escalation = false on every container and init container.",
  check(ctx: RuleContext): RuleOutcome {
    return checkEveryContainer(
      ctx,
      (_w, c) => {
        const v = c.securityContext?.allow_privilege_escalation;
        return isFalse(v) ? undefined : `allow_privilege_escalation = ${shown(v)} (needs false)`;
      },
      (w, c) => `Set security_context.allow_privilege_escalation = false on ${c.label} of ${w.resource.address}.`,
    );
  },
};
