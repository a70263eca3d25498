import { parseQuantity } from "../../k8s/validate";
import { allContainers, block, findingOn, scalarString, workloads } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

const FIELDS = [
  ["requests", "cpu"],
  ["requests", "memory"],
  ["limits", "cpu"],
  ["limits", "memory"],
] as const;

/** RS-RESOURCES: cpu and memory requests and limits on every container, init containers included. */
export const resourcesRule: Rule = {
  id: "RS-RESOURCES",
  criterion: "startup",
  packs: ["readystack", "kubernetes"],
  level: "mandatory",
  title: "Every container (init containers too) has cpu and memory requests and limits, requests not above limits",
  rationale:
    "Requests let the scheduler place pods where they fit and are what the HPA measures against; limits stop one container " +
    "from starving its neighbours. A pod without them is BestEffort and the first to be evicted under pressure.",
  remediation:
    "Set resources: { requests: { cpu, memory }, limits: { cpu, memory } } on every container and init container of every workload.",
  check(ctx: RuleContext): RuleOutcome {
    const findings = [];
    const evidence: string[] = [];
    const all = workloads(ctx);
    for (const w of all) {
      let ok = true;
      for (const c of allContainers(w)) {
        const res = block(c.body, "resources");
        const value = (group: string, key: string): string | undefined => {
          const v = scalarString(ctx.staticValue(block(res, group)?.[key]));
          return v === "" ? undefined : v;
        };
        const missing = FIELDS.filter(([g, k]) => value(g, k) === undefined).map(([g, k]) => `resources.${g}.${k}`);
        if (missing.length > 0) {
          ok = false;
          findings.push(findingOn(w.model, `${w.at} ${c.label} lacks ${missing.join(", ")}.`,
            `Set ${missing.join(", ")} on ${c.label} of ${w.at}.`));
          continue;
        }
        for (const key of ["cpu", "memory"] as const) {
          const req = parseQuantity(value("requests", key) as string);
          const lim = parseQuantity(value("limits", key) as string);
          if (req !== undefined && lim !== undefined && req > lim) {
            ok = false;
            findings.push(findingOn(w.model,
              `${w.at} ${c.label} requests ${key} ${value("requests", key)} above its limit ${value("limits", key)}.`,
              `Lower resources.requests.${key} or raise resources.limits.${key} on ${c.label}.`));
          }
        }
      }
      if (ok) evidence.push(w.at);
    }
    return { findings, evidence, applicable: all.length > 0 };
  },
};
