import { join } from "path";
import { main, type CliIo } from "../../bin/cli";
import type { Rule } from "../../lib/readiness/types";

/** The hand-written Terraform fixtures the CLI tests run against. */
export const CLI_FIXTURES = join(__dirname, "..", "fixtures", "terraform");

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `readystack` in-process with captured output, a working directory and the rules to apply. */
export function runCli(argv: string[], cwd: string, rules: readonly Rule[]): CliRun {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    env: {},
    rules,
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

/** Bad input: exit 2, nothing on stdout, one `readystack: ...` line on stderr, no stack trace or internal error. */
export function expectOneLineError(r: CliRun, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.endsWith("\n")).toBe(true);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(/^readystack: /);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.stderr).toMatch(pattern);
}
