import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { defaultRules } from "../../../lib/readiness/engine";
import { discoverRuleFiles, registrySource, RULES_DIR, ruleTable, TABLE_BEGIN, TABLE_END, withRuleTable } from "../../../lib/readiness/rule-docs";
import type { Rule } from "../../../lib/readiness/types";

const ROOT = join(__dirname, "..", "..", "..");

describe("generated rule registry and README table", () => {
  const files = discoverRuleFiles();

  it("lib/readiness/rules/index.ts registers every rule file (run npm run docs:rules when this fails)", () => {
    expect(readFileSync(join(RULES_DIR, "index.ts"), "utf8")).toBe(registrySource(files));
    expect(defaultRules().map((r) => r.id)).toEqual(files.map((f) => f.rule.id));
  });

  it("the README rule table matches the rules' metadata (run npm run docs:rules when this fails)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toBe(withRuleTable(readme, files.map((f) => f.rule)));
  });

  it("documents a rule's packs and options, escaping pipes", () => {
    const rule: Rule = {
      id: "T-OPT",
      criterion: "autoscaling",
      level: "recommended",
      title: "a | b",
      rationale: "r",
      remediation: "f",
      options: { minReplicas: { type: "integer", default: 2, minimum: 1, description: "Fewest replicas." } },
      check: () => ({ findings: [], evidence: [] }),
    };
    expect(ruleTable([rule]).split("\n")[2]).toBe("| `T-OPT` | 9 autoscaling | recommended | readystack | a \\| b | `minReplicas` (integer, default `2`): Fewest replicas. |");
    expect(() => withRuleTable("no markers", [rule])).toThrow("README.md: the markers");
    const stale = `x\n${TABLE_BEGIN}\nold\n${TABLE_END}\ny\n`;
    expect(withRuleTable(stale, [rule])).toBe(`x\n${TABLE_BEGIN}\n${ruleTable([rule])}\n${TABLE_END}\ny\n`);
  });

  it("finds a new rule from its file alone, and refuses a file with two rules", () => {
    const dir = mkdtempSync(join(tmpdir(), "readystack-rules-"));
    try {
      const body = (id: string, criterion: string) =>
        `{ id: "${id}", criterion: "${criterion}", level: "mandatory", title: "t", rationale: "r", remediation: "f", check: () => ({ findings: [], evidence: [] }) }`;
      writeFileSync(join(dir, "b-rule.js"), `exports.bRule = ${body("T-B", "startup")};\n`);
      writeFileSync(join(dir, "a-rule.js"), `exports.aRule = ${body("T-A", "security")};\nexports.helper = 1;\n`);
      writeFileSync(join(dir, "index.js"), "exports.ALL_RULES = [];\n");
      const found = discoverRuleFiles(dir);
      expect(found.map((f) => [f.module, f.exportName, f.rule.id])).toEqual([
        ["b-rule", "bRule", "T-B"],
        ["a-rule", "aRule", "T-A"],
      ]);
      expect(registrySource(found)).toContain('import { aRule } from "./a-rule";');
      writeFileSync(join(dir, "c-rule.js"), `exports.c1 = ${body("T-C1", "redis")};\nexports.c2 = ${body("T-C2", "redis")};\n`);
      expect(() => discoverRuleFiles(dir)).toThrow("lib/readiness/rules/c-rule: exports 2 rules; a rule file exports exactly one Rule");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
