/** Rule options: the defaults a rule declares, overridden by the config's `options`. */
import type { Rule, RuleContext, RuleOptionValue } from "../types";

/** The default value of every option a rule declares. */
export function defaultOptions(rule: Pick<Rule, "options">): Record<string, RuleOptionValue> {
  const out: Record<string, RuleOptionValue> = {};
  for (const [name, spec] of Object.entries(rule.options ?? {})) out[name] = spec.default;
  return out;
}

/** The resolved options of every rule: its defaults, overridden by `given[rule.id]` (already validated). */
export function resolveOptions(
  rules: readonly Rule[],
  given: Readonly<Record<string, Readonly<Record<string, RuleOptionValue>>>> = {},
): Record<string, Readonly<Record<string, RuleOptionValue>>> {
  const out: Record<string, Readonly<Record<string, RuleOptionValue>>> = {};
  for (const rule of rules) out[rule.id] = { ...defaultOptions(rule), ...(given[rule.id] ?? {}) };
  return out;
}

/**
 * What a rule reads: its options as the engine resolved them, the declared defaults filling any gap (a context
 * built without options, as in a rule's own tests).
 */
export function ruleOptions(ctx: RuleContext, rule: Pick<Rule, "id" | "options">): Readonly<Record<string, RuleOptionValue>> {
  return { ...defaultOptions(rule), ...ctx.options(rule.id) };
}
