import { containersOf, findingOn, objectLabel, recordList, uniqueEvidence, workloadsOf } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SEC-HOST-PORT: no container binds a port of the node (hostPort). */
export const secHostPortRule: Rule = {
  id: "RS-SEC-HOST-PORT",
  criterion: "security",
  level: "mandatory",
  packs: ["kubernetes", "readystack"],
  title: "No container binds a port of the node (ports[].hostPort)",
  rationale:
    "A hostPort opens the container on every address of its node, outside Services and NetworkPolicies, and pins the pod: " +
    "two replicas cannot share a node, so rollouts and rescheduling stall.",
  remediation: "Remove hostPort and reach the container through a Service (and an Ingress for outside traffic).",
  check(ctx: RuleContext): RuleOutcome {
    const workloads = workloadsOf(ctx);
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const w of workloads) {
      let ok = true;
      for (const c of containersOf(w.pod)) {
        recordList(c.container.ports).forEach((p, i) => {
          const hostPort = p.hostPort;
          if (hostPort === undefined || hostPort === null || hostPort === 0 || hostPort === "0") return;
          ok = false;
          findings.push(
            findingOn(w.model, `${objectLabel(w.model)} ${c.label}: ${c.path}.ports[${i}].hostPort = ${JSON.stringify(hostPort)} binds a port of the node.`),
          );
        });
      }
      if (ok) clean.push(w.model);
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: workloads.length > 0 };
  },
};
