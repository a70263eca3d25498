import { findingAt } from "../k8s-model";
import { objectRefOf } from "../model/object";
import { ObjectValidator } from "../schema/validate";
import type { Rule, RuleContext, RuleOutcome } from "../types";
import { objectValidations } from "../schema/validated-objects";

/**
 * RS-REHEARSAL-COVERAGE: with rendering requested, every release was rendered and every object had a schema.
 * A gap is a warning (an error under strict): the rehearsal could not check those objects, which is not a defect of
 * the stack, but must never pass silently.
 */
export const rehearsalCoverageRule: Rule = {
  id: "RS-REHEARSAL-COVERAGE",
  criterion: "workload-hygiene",
  level: "recommended",
  title: "The deploy rehearsal rendered every release and had a schema for every object",
  rationale:
    "Objects of a release that was not rendered, or of a kind without a schema, were never checked by the rules; " +
    "a rehearsal that skips them silently would claim more than it saw.",
  remediation:
    "Make the chart available (a `<chart>-<version>.tgz` in the charts directory, or rendering with network) and " +
    "install the CRD of each custom resource through a chart the stack renders.",
  check(ctx: RuleContext): RuleOutcome {
    const rendering = ctx.rendering;
    if (rendering === undefined || !rendering.requested) return { findings: [], evidence: [] };
    const findings: RuleOutcome["findings"][number][] = [];
    const evidence: string[] = [];
    for (const rel of rendering.releases) {
      if (rel.status === "rendered") evidence.push(rel.address);
      if (rel.status !== "not-rendered") continue;
      const message = `${rel.address}: chart ${rel.chart}${rel.version !== undefined ? ` ${rel.version}` : ""} was not rendered, so its objects were not checked: ${rel.reason ?? "no reason given"}`;
      const resource = ctx.get(rel.address);
      findings.push(resource ? findingAt(resource, message) : { address: rel.address, message });
    }
    for (const v of objectValidations(ctx, () => new ObjectValidator(ctx.objects.map((o) => o.object)))) {
      if (v.result.status !== "not-validated") continue;
      const o = v.object;
      const ref = o.objectRef ?? objectRefOf(o.object);
      findings.push({
        ...findingAt(o.resource, `${o.address} ${ref}: not validated: ${v.result.reason}`),
        ...(o.objectRef !== undefined ? { objectRef: o.objectRef } : {}),
      });
    }
    return { findings, evidence };
  },
};
