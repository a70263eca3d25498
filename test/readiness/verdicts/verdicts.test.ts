/**
 * Verdict tables: for the README's "use the constructs in your own stack" example (checked with
 * `Readiness.check(stack, { strict: false })`, as the README documents) and for every configuration in
 * test/fixtures/foreign/ (checked as `readystack check <dir>` checks it: the detected pack), the verdict of
 * every rule that ran: "met" (applicable, no unwaived finding), "unmet" (an unwaived finding) or "n/a" (the
 * stack has none of what the rule checks). The test compares each map WHOLE with test/fixtures/verdicts.json.
 *
 * A changed verdict is a changed product: read the diff the failure prints, and if the change is intended,
 * regenerate the table deliberately and review it by eye (a "met" for a component the stack does not have is
 * a bug in the rule, which must say `applicable: false`):
 *
 *     UPDATE_VERDICTS=1 npx jest test/readiness/verdicts --maxWorkers=1
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { Testing } from "cdktf";
import { ShopStack } from "../../../examples/import-into-existing-stack";
import { runReadiness } from "../../../lib/readiness/engine";
import { loadTerraformInputs } from "../../../lib/readiness/input/load";
import { ReadinessError } from "../../../lib/errors";
import { Readiness } from "../../../lib/readiness/readiness";
import type { ReadinessResult } from "../../../lib/readiness/result";
import { foreignFixtures } from "../input/fixtures";

type Verdict = "met" | "unmet" | "n/a";
type VerdictMap = Record<string, Verdict>;

const TABLE = join(__dirname, "..", "..", "fixtures", "verdicts.json");
const UPDATE = process.env.UPDATE_VERDICTS === "1";

/** Each rule that ran → its verdict, sorted by rule id. */
function verdicts(result: ReadinessResult): VerdictMap {
  const unmet = new Set(result.findings.filter((f) => f.waivedReason === undefined).map((f) => f.ruleId));
  const out: VerdictMap = {};
  for (const rule of [...result.rules].sort((a, b) => a.id.localeCompare(b.id))) {
    out[rule.id] = unmet.has(rule.id) ? "unmet" : rule.applicable === false ? "n/a" : "met";
  }
  return out;
}

/** The example's result, as `Readiness.check(stack, { strict: false })` computes it at synth. */
function exampleResult(): ReadinessResult {
  const stack = new ShopStack(Testing.app(), "shop");
  Readiness.check(stack, { strict: false });
  try {
    return Readiness.assertReady(stack);
  } catch (error) {
    if (error instanceof ReadinessError) return error.result;
    throw error;
  }
}

/** Rule by rule, what differs: "+ id: verdict" (new), "- id: verdict" (gone), "~ id: was → now". */
function describeDiff(expected: VerdictMap | undefined, actual: VerdictMap): string[] {
  const lines: string[] = [];
  const before = expected ?? {};
  for (const id of [...new Set([...Object.keys(before), ...Object.keys(actual)])].sort()) {
    if (!(id in actual)) lines.push(`- ${id}: ${before[id]} (the rule no longer ran)`);
    else if (!(id in before)) lines.push(`+ ${id}: ${actual[id]} (not in the table)`);
    else if (before[id] !== actual[id]) lines.push(`~ ${id}: the table says ${before[id]}, the check gives ${actual[id]}`);
  }
  return lines;
}

describe("verdict tables", () => {
  const fixtures = foreignFixtures();
  const actual: Record<string, VerdictMap> = {};
  actual["example: import-into-existing-stack"] = verdicts(exampleResult());
  const loaded = loadTerraformInputs(fixtures.map((f) => f.path));
  fixtures.forEach((f, i) => {
    // As `readystack check` does by default: the detected pack, not strict.
    actual[`foreign: ${f.name}`] = verdicts(runReadiness(loaded[i].json, { pack: "detect", strict: false }));
  });

  if (UPDATE) writeFileSync(TABLE, `${JSON.stringify(actual, null, 2)}\n`);
  const table: Record<string, VerdictMap> = existsSync(TABLE) ? (JSON.parse(readFileSync(TABLE, "utf8")) as Record<string, VerdictMap>) : {};

  it("the table names exactly the checked stacks", () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(actual).sort());
  });

  it.each(Object.keys(actual))("%s: every rule's verdict is the table's", (name) => {
    const diff = describeDiff(table[name], actual[name]);
    if (diff.length > 0) {
      throw new Error(
        `verdicts of ${name} differ from test/fixtures/verdicts.json:\n  ${diff.join("\n  ")}\n` +
          "If intended, regenerate with UPDATE_VERDICTS=1 npx jest test/readiness/verdicts --maxWorkers=1 and review the table.",
      );
    }
    expect(actual[name]).toEqual(table[name]);
  });

  it("the README's example section lists exactly the example's unmet rules", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "..", "README.md"), "utf8");
    const start = readme.indexOf("## Use the constructs in your own stack");
    const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
    const listed = [...section.matchAll(/^\| `(RS-[A-Z0-9-]+)` \(/gm)].map((m) => m[1]).sort();
    const unmet = Object.entries(actual["example: import-into-existing-stack"]).filter(([, v]) => v === "unmet").map(([id]) => id).sort();
    expect(listed).toEqual(unmet);
  });
});
