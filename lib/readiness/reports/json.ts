import type { ReadinessResult } from "../result";

/**
 * Version of the readiness.json layout: the major changes on a breaking change, the minor when fields are added.
 * 1.1 added criteria status "not-applicable" with `label` "n/a", the `notApplicable`/`applicable` counts, `coverage`,
 * `selection` (pack, only, skip, config), waiver `source`/`file`/`objectRef` and status "not-run", rule `packs`.
 * 1.2 added the optional criterion `configuration` (configuration facts beside the evidence, e.g. the off-site backup copy).
 */
export const JSON_SCHEMA_VERSION = "1.2";

/** readiness.json: the whole result, machine-readable. */
export function renderJson(result: ReadinessResult): string {
  return `${JSON.stringify(readinessDocument(result), null, 2)}\n`;
}

/** The readiness.json document of one result (schemaVersion {@link JSON_SCHEMA_VERSION}). */
export function readinessDocument(result: ReadinessResult): Record<string, unknown> {
  return {
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
    ...(result.rendering !== undefined ? { rendering: result.rendering } : {}),
  };
}

/** Version of the `readystack check --format json` layout; bump the major on a breaking change. */
export const CHECK_JSON_SCHEMA_VERSION = "1.0";

/**
 * `readystack check --format json`: one shape for one stack or many,
 * `{ schemaVersion, generator, strict, passed, stacks: [<readiness.json document>, ...] }`;
 * `passed` is true when every stack passed.
 */
export function renderCheckJson(results: readonly ReadinessResult[]): string {
  const doc = {
    schemaVersion: CHECK_JSON_SCHEMA_VERSION,
    generator: results[0]?.generator ?? null,
    strict: results.some((r) => r.strict),
    passed: results.every((r) => r.passed),
    stacks: results.map(readinessDocument),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
