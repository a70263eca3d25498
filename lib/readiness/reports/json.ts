import type { ReadinessResult } from "../result";

/**
 * Version of the readiness.json layout: the major changes on a breaking change, the minor when fields are added.
 * 1.1 added criteria status "not-applicable" with `label` "n/a", the `notApplicable`/`applicable` counts, `coverage`,
 * `selection` (pack, only, skip, config), waiver `source`/`file`/`objectRef` and status "not-run", rule `packs`.
 */
export const JSON_SCHEMA_VERSION = "1.1";

/** readiness.json: the whole result, machine-readable. */
export function renderJson(result: ReadinessResult): string {
  const doc = {
    schemaVersion: JSON_SCHEMA_VERSION,
    generator: result.generator,
    stack: result.stack ?? null,
    artifact: result.artifact ?? null,
    strict: result.strict,
    passed: result.passed,
    scorecard: result.scorecard,
    criteria: result.criteria,
    findings: result.findings,
    waivers: result.waivers,
    inventory: result.inventory,
    coverage: result.coverage,
    selection: result.selection,
    rules: result.rules,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
