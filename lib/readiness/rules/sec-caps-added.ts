import { containersOf, findingOn, objectLabel, recordAt, uniqueEvidence, workloadsOf } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** The one capability a container may add back: binding ports below 1024. */
const ALLOWED = new Set(["NET_BIND_SERVICE"]);

/** `cap_sys_admin` → `SYS_ADMIN`. */
function canonical(cap: string): string {
  const upper = cap.trim().toUpperCase();
  return upper.startsWith("CAP_") ? upper.slice(4) : upper;
}

/** RS-SEC-CAPS-ADDED: no container adds a Linux capability other than NET_BIND_SERVICE. */
export const secCapsAddedRule: Rule = {
  id: "RS-SEC-CAPS-ADDED",
  criterion: "security",
  level: "mandatory",
  packs: ["kubernetes", "readystack"],
  title: "No container adds a Linux capability other than NET_BIND_SERVICE (securityContext.capabilities.add)",
  rationale:
    "Dropping ALL capabilities means little when the container adds SYS_ADMIN, NET_ADMIN or SYS_PTRACE back: each is a known " +
    "path out of the container. Pod Security `restricted` allows adding NET_BIND_SERVICE only.",
  remediation: "Remove the capability from securityContext.capabilities.add (keep drop: [\"ALL\"]); only NET_BIND_SERVICE may be added.",
  check(ctx: RuleContext): RuleOutcome {
    const workloads = workloadsOf(ctx);
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const w of workloads) {
      let ok = true;
      for (const c of containersOf(w.pod)) {
        const add = recordAt(c.container, "securityContext", "capabilities")?.add;
        const list = Array.isArray(add) ? add.map((a) => String(a)) : [];
        const extra = list.filter((cap) => !ALLOWED.has(canonical(cap)));
        if (extra.length === 0) continue;
        ok = false;
        findings.push(
          findingOn(
            w.model,
            `${objectLabel(w.model)} ${c.label}: ${c.path}.securityContext.capabilities.add includes ${extra.map((e) => JSON.stringify(e)).join(", ")} (only "NET_BIND_SERVICE" is allowed).`,
          ),
        );
      }
      if (ok) clean.push(w.model);
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: workloads.length > 0 };
  },
};
