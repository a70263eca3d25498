import type { CriterionId, Rule, RuleContext, RuleLevel, RuleOutcome } from "../../../lib/readiness/types";

/** A test rule: flags every resource of `type` whose metadata name is in `bad`, evidence for the rest. */
export function nameRule(
  id: string,
  criterion: CriterionId,
  level: RuleLevel,
  type: string,
  bad: readonly string[],
): Rule {
  return {
    id,
    criterion,
    level,
    title: `${id} title`,
    rationale: `${id} rationale`,
    remediation: `${id} remediation`,
    check(ctx: RuleContext): RuleOutcome {
      const findings = [];
      const evidence = [];
      for (const r of ctx.byType(type)) {
        const name = ctx.staticValue((r.body.metadata as { name?: unknown } | undefined)?.name);
        if (typeof name === "string" && bad.includes(name)) {
          findings.push({ address: r.address, message: `${r.address} is named ${name}` });
        } else {
          evidence.push(r.address);
        }
      }
      return { findings, evidence };
    },
  };
}

/** A rule that passes with the given evidence. */
export function passRule(id: string, criterion: CriterionId, evidence: string[] = []): Rule {
  return {
    id,
    criterion,
    level: "mandatory",
    title: `${id} title`,
    rationale: `${id} rationale`,
    remediation: `${id} remediation`,
    check: () => ({ findings: [], evidence }),
  };
}
