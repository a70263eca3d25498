import { checkEveryContainer, isTrue, shown } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SEC-READONLY-ROOT: every container has a read-only root filesystem. */
export const secReadonlyRootRule: Rule = {
  id: "RS-SEC-READONLY-ROOT",
  criterion: "security",
  level: "mandatory",
  title: "Every container has a read-only root filesystem",
  rationale:
    "A writable root filesystem lets an attacker drop tools and persist changes inside the container; a read-only root with explicit " +
    "emptyDir/volume mounts for the paths that must be written makes that impossible and the writes visible.",
  remediation: "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir at /tmp (and other paths the process writes).",
  check(ctx: RuleContext): RuleOutcome {
    return checkEveryContainer(
      ctx,
      (_w, c) => {
        const v = c.securityContext?.readOnlyRootFilesystem;
        return isTrue(v) ? undefined : `securityContext.readOnlyRootFilesystem = ${shown(v)} (needs true)`;
      },
      (w, c) => `Set securityContext.readOnlyRootFilesystem: true on ${c.label} of ${w.at} and mount emptyDirs for writable paths.`,
    );
  },
};
