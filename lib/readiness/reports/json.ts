import type { ReadinessResult } from "../result";

/** Version of the readiness.json layout; bump the major on a breaking change. */
export const JSON_SCHEMA_VERSION = "1.0";

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
    rules: result.rules,
    ...(result.rendering !== undefined ? { rendering: result.rendering } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
