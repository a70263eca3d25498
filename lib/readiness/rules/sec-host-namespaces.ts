import { findingOn, isTrue, objectLabel, uniqueEvidence, workloadsOf } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

const HOST_FIELDS = ["hostNetwork", "hostPID", "hostIPC"] as const;

/** RS-SEC-HOST-NAMESPACES: no pod shares the node's network, PID or IPC namespace. */
export const secHostNamespacesRule: Rule = {
  id: "RS-SEC-HOST-NAMESPACES",
  criterion: "security",
  level: "mandatory",
  packs: ["kubernetes", "readystack"],
  title: "No pod uses the node's network, PID or IPC namespace (hostNetwork, hostPID, hostIPC)",
  rationale:
    "A pod in the host network namespace sees every interface of the node and bypasses NetworkPolicies; with hostPID it sees " +
    "(and can signal) every process of the node; with hostIPC it shares its shared memory. One compromised container then " +
    "reaches the whole node.",
  remediation: "Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false); expose ports through a Service.",
  check(ctx: RuleContext): RuleOutcome {
    const workloads = workloadsOf(ctx);
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const w of workloads) {
      const on = HOST_FIELDS.filter((f) => isTrue(w.pod.spec[f])).map((f) => `${w.pod.specPath}.${f}`);
      if (on.length === 0) {
        clean.push(w.model);
        continue;
      }
      findings.push(
        findingOn(
          w.model,
          `${objectLabel(w.model)}: ${on.join(", ")} ${on.length === 1 ? "is" : "are"} true (the pod shares the node's namespaces).`,
          `Remove ${on.join(", ")} from ${objectLabel(w.model)}.`,
        ),
      );
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: workloads.length > 0 };
  },
};
