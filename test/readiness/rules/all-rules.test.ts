import { readdirSync } from "fs";
import { join } from "path";
import { ALL_RULES } from "../../../lib/readiness/rules";
import { createRuleContext } from "../../../lib/readiness/context";
import type { Rule, TerraformJson } from "../../../lib/readiness/types";
import { run, secureStack } from "./support/fixtures";

const RULES_DIR = join(__dirname, "../../../lib/readiness/rules");

function isRule(value: unknown): value is Rule {
  return typeof value === "object" && value !== null && typeof (value as Rule).id === "string" && typeof (value as Rule).check === "function";
}

describe("ALL_RULES", () => {
  it("has unique ids of the form RS-UPPER-CASE", () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^RS-[A-Z0-9]+(-[A-Z0-9]+)*$/);
  });

  it("gives every rule a non-empty title, rationale and remediation, a criterion and a level", () => {
    for (const r of ALL_RULES) {
      expect(r.title.trim().length).toBeGreaterThan(10);
      expect(r.rationale.trim().length).toBeGreaterThan(20);
      expect(r.remediation.trim().length).toBeGreaterThan(20);
      expect(["mandatory", "recommended"]).toContain(r.level);
      expect(r.criterion).toBeTruthy();
    }
  });

  it("keeps every rule in a file of its own, named after its id", () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith(".ts") && f !== "index.ts");
    const byFile = new Map<string, string[]>();
    for (const f of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(RULES_DIR, f)) as Record<string, unknown>;
      byFile.set(f, Object.values(mod).filter(isRule).map((r) => r.id));
    }
    for (const [f, ids] of byFile) expect({ file: f, rules: ids.length }).toEqual({ file: f, rules: 1 });
    const fileOf = new Map([...byFile].map(([f, ids]) => [ids[0], f]));
    for (const r of ALL_RULES) expect(fileOf.get(r.id)).toBe(`${r.id.toLowerCase().replace(/^rs-/, "")}.ts`);
    expect(files.length).toBe(ALL_RULES.length);
  });

  it("puts the mandatory criteria (1-6) and security at level mandatory (end of life: recommended), the recommended ones (7-11) at recommended", () => {
    const mandatory = new Set(["startup", "migrations", "redis", "json-logging", "artifacts-pinned", "config-documented", "security"]);
    // The one exception: an end-of-life component is a warning (an error under strict) unless waived.
    // Token mounting and Service exposure are judgment calls: warnings (errors under strict).
    const recommendedSecurity = new Set(["RS-EOL-COMPONENT", "RS-SEC-SA-TOKEN", "RS-SERVICE-EXPOSURE"]);
    for (const r of ALL_RULES) {
      const expected = mandatory.has(r.criterion) && !recommendedSecurity.has(r.id) ? "mandatory" : "recommended";
      expect({ id: r.id, level: r.level }).toEqual({ id: r.id, level: expected });
    }
  });

  it("passes a production-ready stack with no finding from any rule, and evidence from every rule", () => {
    const json = secureStack();
    // These rules read what the deploy rehearsal rendered; without rendering they have nothing to show
    // (test/readiness/rules/chart-renders.test.ts and rehearsal-coverage.test.ts give their evidence).
    const needsRendering = new Set(["RS-CHART-RENDERS", "RS-REHEARSAL-COVERAGE"]);
    for (const rule of ALL_RULES) {
      const out = run(rule, json);
      expect({ id: rule.id, messages: out.messages }).toEqual({ id: rule.id, messages: [] });
      if (needsRendering.has(rule.id)) continue;
      // A rule with nothing to look at in this stack (e.g. no RBAC objects) is not applicable: no evidence expected.
      if (rule.check(createRuleContext(json as TerraformJson)).applicable === false) continue;
      expect({ id: rule.id, hasEvidence: out.evidence.length > 0 }).toEqual({ id: rule.id, hasEvidence: true });
    }
  });

  it("reports nothing and throws nothing on an empty document", () => {
    for (const rule of ALL_RULES) {
      const out = run(rule, {});
      expect(out.findings.every((f) => f.ruleId === rule.id)).toBe(true);
    }
  });
});
