import { findingOn, objectLabel, recordAt, recordList, uniqueEvidence, workloadsOf } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SEC-HOST-PATH: no pod mounts a directory of the node (hostPath volume). */
export const secHostPathRule: Rule = {
  id: "RS-SEC-HOST-PATH",
  criterion: "security",
  level: "mandatory",
  packs: ["kubernetes", "readystack"],
  title: "No pod mounts a directory of the node (hostPath volumes)",
  rationale:
    "A hostPath volume gives the container the node's files: read access leaks other pods' data and credentials, write access " +
    "(or a path such as /var/run or /etc) is a short way to root on the node. Pod Security `baseline` forbids it.",
  remediation:
    "Use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret volume instead. A node agent that must read the node (a log " +
    "shipper reading /var/log) belongs in its own namespace, with a waiver giving the reason.",
  check(ctx: RuleContext): RuleOutcome {
    const workloads = workloadsOf(ctx);
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const w of workloads) {
      const mounts: string[] = [];
      recordList(w.pod.spec.volumes).forEach((v, i) => {
        if (v.hostPath === undefined) return;
        const nodePath = recordAt(v, "hostPath")?.path;
        const path = typeof nodePath === "string" ? nodePath : "?";
        mounts.push(`${w.pod.specPath}.volumes[${i}].hostPath (volume "${String(v.name ?? i)}", path ${path})`);
      });
      if (mounts.length === 0) clean.push(w.model);
      else findings.push(findingOn(w.model, `${objectLabel(w.model)}: ${mounts.join("; ")} mounts a directory of the node.`));
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: workloads.length > 0 };
  },
};
