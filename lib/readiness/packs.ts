/**
 * Rule packs, as cdk-nag has packs: `readystack` (the 11 criteria plus security, for stacks built with readystack)
 * and `kubernetes` (generic workload checks for any stack: probes, resources, image pins, secret literals, schema, security and hygiene). A rule's membership comes from its own `packs`.
 */
import type { CriterionId, Rule, RulePack, TerraformJson } from "./types";

/** Every pack, with what it checks. */
export const PACKS: Readonly<Record<RulePack, string>> = {
  readystack: "the 11 readiness criteria plus security and workload hygiene (stacks built with readystack)",
  kubernetes: "generic workload checks of any Kubernetes stack: probes, resources, image pins, secret literals, schema, security and hygiene (stacks not built with readystack)",
};

/** The pack names, in a stable order. */
export const PACK_NAMES: readonly RulePack[] = ["readystack", "kubernetes"];

const GENERIC_CRITERIA: ReadonlySet<CriterionId> = new Set<CriterionId>(["security", "workload-hygiene"]);

/** The packs a rule belongs to: its own `packs`, else both for security and workload-hygiene rules, else readystack. */
export function packsOf(rule: Pick<Rule, "packs" | "criterion">): readonly RulePack[] {
  if (rule.packs !== undefined) return rule.packs;
  return GENERIC_CRITERIA.has(rule.criterion) ? ["readystack", "kubernetes"] : ["readystack"];
}

/** Whether `name` is a pack name. */
export function isPack(name: unknown): name is RulePack {
  return typeof name === "string" && (PACK_NAMES as readonly string[]).includes(name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Whether readystack built the stack: one of its resources carries a readystack fact (`//.readystack.component`
 * and the like) other than waivers, which anyone can write.
 */
export function builtWithReadystack(json: TerraformJson): boolean {
  const resources = json.resource;
  if (!isRecord(resources)) return false;
  for (const byName of Object.values(resources)) {
    if (!isRecord(byName)) continue;
    for (const body of Object.values(byName)) {
      const comment = isRecord(body) ? body["//"] : undefined;
      const facts = isRecord(comment) ? comment.readystack : undefined;
      if (isRecord(facts) && Object.keys(facts).some((k) => k !== "waivers")) return true;
    }
  }
  return false;
}

/** The pack a stack gets when none is named: readystack for stacks readystack built, kubernetes otherwise. */
export function detectPack(json: TerraformJson): RulePack {
  return builtWithReadystack(json) ? "readystack" : "kubernetes";
}

/** Which rules run. */
export interface RuleSelection {
  /**
   * The pack: only its rules run.
   * @default every given rule
   */
  readonly pack?: RulePack;
  /**
   * Only these rule ids run (after the pack).
   * @default every rule of the pack
   */
  readonly only?: readonly string[];
  /**
   * These rule ids do not run.
   * @default none
   */
  readonly skip?: readonly string[];
}

/** Rule ids in `ids` that no rule has, for an error naming them. */
export function unknownRuleIds(ids: readonly string[], rules: readonly Rule[]): string[] {
  const known = new Set(rules.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** The rules a selection keeps, in their given order. Unknown ids are the caller's to reject (see {@link unknownRuleIds}). */
export function selectRules(rules: readonly Rule[], selection: RuleSelection): Rule[] {
  const only = selection.only !== undefined ? new Set(selection.only) : undefined;
  const skip = new Set(selection.skip ?? []);
  return rules.filter(
    (r) =>
      (selection.pack === undefined || packsOf(r).includes(selection.pack)) &&
      (only === undefined || only.has(r.id)) &&
      !skip.has(r.id),
  );
}
