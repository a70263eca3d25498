/**
 * CLI bad input beyond test/readiness/cli (which covers missing path, no stacks, invalid JSON, non-Terraform
 * JSON, unknown flags, bad --format and a missing flag value): the remaining shapes of wrong input, and a
 * property over generated argument lists — every run ends with 0, 1 or 2, and a 2 is one line, never an
 * internal error or a stack trace.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as fc from "fast-check";
import type { Rule } from "../../lib/readiness/types";
import { CLI_FIXTURES, expectOneLineError, runCli } from "../support/cli-harness";

const FIXTURES = CLI_FIXTURES;
/** A rule that never finds anything: the tests are about input handling. */
const NOOP: Rule = {
  id: "T-NOOP",
  criterion: "artifacts-pinned",
  level: "mandatory",
  title: "noop",
  rationale: "noop",
  remediation: "none",
  check: () => ({ findings: [], evidence: [] }),
};

function cli(argv: string[], cwd = FIXTURES, rules: readonly Rule[] = [NOOP]) {
  return runCli(argv, cwd, rules);
}


describe("readystack check: more bad input", () => {
  const temp = mkdtempSync(join(tmpdir(), "readystack-cli-bad-"));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  writeFileSync(join(temp, "empty.json"), "");
  writeFileSync(join(temp, "null.json"), "null");
  writeFileSync(join(temp, "number.json"), "42");
  writeFileSync(join(temp, "binary.json"), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x7b]));
  mkdirSync(join(temp, "dir-with-json"));
  writeFileSync(join(temp, "dir-with-json", "stray.json"), "{}");

  it("an empty file", () => expectOneLineError(cli(["check", "empty.json"], temp), /empty\.json: not valid JSON/));
  it("JSON null", () => expectOneLineError(cli(["check", "null.json"], temp), /null\.json: not Terraform JSON/));
  it("a JSON number", () => expectOneLineError(cli(["check", "number.json"], temp), /number\.json: not Terraform JSON/));
  it("binary garbage", () => expectOneLineError(cli(["check", "binary.json"], temp), /binary\.json: not valid JSON/));
  it("a directory of JSON files that is not a cdktf.out", () => expectOneLineError(cli(["check", "dir-with-json"], temp), /dir-with-json: no stacks found/));
  it("two paths", () => expectOneLineError(cli(["check", "a.json", "b.json"]), /check takes one path, got 2/));
  it("--output without a value", () => expectOneLineError(cli(["check", "hand-written/main.tf.json", "--output"]), /--output/));
  it("--output with an empty value", () => expectOneLineError(cli(["check", "hand-written/main.tf.json", "--output", " "]), /--output needs a file name/));
  it("-f without a value", () => expectOneLineError(cli(["check", "-f"]), /-f/));
  it("--format=xml", () => expectOneLineError(cli(["check", "--format=xml"]), /invalid --format "xml"/));
  it("a value for a boolean flag", () => expectOneLineError(cli(["check", "--strict=yes"]), /--strict/));
  it("--output naming an existing directory", () => {
    const r = cli(["check", "hand-written/main.tf.json", "--output", join(temp, "dir-with-json")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--output .*dir-with-json: cannot write the report \(is a directory\)/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it("generated argument lists: exit 0, 1 or 2; a 2 is one line without internal error", () => {
    const token = fc.oneof(
      fc.constantFrom("check", "lint", "", "-", "--", "-f", "--format", "json", "xml", "sarif", "--output", "-o", "--strict", "--strict=1", "-x", "--nope", "-h", "-v"),
      fc.constantFrom("hand-written/main.tf.json", "cdktf.out", "malformed/invalid.json", "malformed/not-terraform.json", "malformed/array.json", "missing.json", ".", "/dev/null"),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 5 }), (argv) => {
        // never write reports into the fixtures: --output values go nowhere useful
        if (argv.some((a) => a === "--output" || a === "-o" || a.startsWith("--output=") || a.startsWith("-o"))) return;
        const r = cli(argv);
        expect([0, 1, 2]).toContain(r.code);
        if (r.code === 2) {
          expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
          expect(r.stderr).not.toMatch(/internal error/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
