import { findingAt } from "../k8s-model";
import { objectRefOf } from "../model/object";
import { ObjectValidator } from "../schema/validate";
import { objectValidations } from "../schema/validated-objects";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** At most this many problems are named per object; the rest are counted. */
const MAX_PROBLEMS = 8;

/** RS-SCHEMA-VALID: every object the stack applies is valid for its Kubernetes API (or CRD) schema. */
export const schemaValidRule: Rule = {
  id: "RS-SCHEMA-VALID",
  criterion: "startup",
  packs: ["readystack", "kubernetes"],
  level: "mandatory",
  title: "Every object the stack applies is valid against its Kubernetes API or CRD schema",
  rationale:
    "The API server rejects an object of the wrong type or shape at apply time, and silently drops a misspelt field " +
    "(imagePullPolicyy, a securityContext key one level too high): the setting the author meant never takes effect.",
  remediation: "Fix the field the message names: its spelling, its place in the object, or its type.",
  check(ctx: RuleContext): RuleOutcome {
    const findings: RuleOutcome["findings"][number][] = [];
    const evidence = new Set<string>();
    for (const { object: o, result } of objectValidations(ctx, () => new ObjectValidator(ctx.objects.map((m) => m.object)))) {
      if (result.status !== "validated") continue;
      const ref = o.objectRef ?? objectRefOf(o.object);
      if (result.problems.length === 0) {
        evidence.add(o.address);
        continue;
      }
      for (const p of result.problems.slice(0, MAX_PROBLEMS)) {
        findings.push({ ...findingAt(o.resource, `${o.address} ${ref}: ${p.message}`), ...(o.objectRef !== undefined ? { objectRef: o.objectRef } : {}) });
      }
      if (result.problems.length > MAX_PROBLEMS) {
        findings.push({
          ...findingAt(o.resource, `${o.address} ${ref}: ${result.problems.length - MAX_PROBLEMS} more schema problem(s)`),
          ...(o.objectRef !== undefined ? { objectRef: o.objectRef } : {}),
        });
      }
    }
    return { findings, evidence: [...evidence] };
  },
};
