import { asList, block, checkEveryContainer, shown } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SEC-CAPS-DROPPED: every container drops ALL capabilities. */
export const secCapsDroppedRule: Rule = {
  id: "RS-SEC-CAPS-DROPPED",
  criterion: "security",
  level: "mandatory",
  title: "Every container drops ALL Linux capabilities",
  rationale:
    "The default capability set (NET_RAW, CHOWN, SETUID, ...) is more than an application needs and widens what an attacker " +
    "can do after a compromise; drop everything and add back only what is required.",
  remediation: "Set securityContext.capabilities.drop: [\"ALL\"] on every container (add single capabilities back with add if needed).",
  check(ctx: RuleContext): RuleOutcome {
    return checkEveryContainer(
      ctx,
      (_w, c) => {
        const drop = block(c.securityContext, "capabilities")?.drop;
        const dropsAll = asList(drop).some((d) => typeof d === "string" && d.toUpperCase() === "ALL");
        return dropsAll ? undefined : `securityContext.capabilities.drop = ${shown(drop)} (needs "ALL")`;
      },
      (w, c) => `Set securityContext.capabilities.drop: ["ALL"] on ${c.label} of ${w.at}.`,
    );
  },
};
