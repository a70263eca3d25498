import { checkEveryContainer, isTrue, shown } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SEC-NOT-PRIVILEGED: no privileged container. */
export const secNotPrivilegedRule: Rule = {
  id: "RS-SEC-NOT-PRIVILEGED",
  criterion: "security",
  level: "mandatory",
  title: "No container runs privileged",
  rationale: "A privileged container has every capability and all host devices: it is root on the node.",
  remediation: "Remove securityContext.privileged (or set it to false); grant the one capability needed instead.",
  check(ctx: RuleContext): RuleOutcome {
    return checkEveryContainer(
      ctx,
      (_w, c) => {
        const v = c.securityContext?.privileged;
        return isTrue(v) ? `securityContext.privileged = ${shown(v)}` : undefined;
      },
      (w, c) => `Set securityContext.privileged: false on ${c.label} of ${w.at}.`,
    );
  },
};
