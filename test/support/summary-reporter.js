"use strict";
/**
 * Jest reporter: one line per test file. A file with a failing test (or one that fails to run) prints in
 * full: the console output its tests produced (scorecards included, see quiet-stdout.ts) and every
 * failure with its diff and stack. Passing files print only their line. Used with jest's "summary"
 * reporter, which prints the totals at the end.
 */
const path = require("path");

const COLORS = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (COLORS ? `\u001b[${code}m${text}\u001b[0m` : text);

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onTestResult(_test, result) {
    const file = path.relative(this.rootDir, result.testFilePath);
    const failed = result.numFailingTests > 0 || result.testExecError !== undefined || Boolean(result.failureMessage);
    const seconds = ((result.perfStats.end - result.perfStats.start) / 1000).toFixed(1);
    const counts = [`${result.numPassingTests} passed`];
    if (result.numFailingTests > 0) counts.push(`${result.numFailingTests} failed`);
    if (result.numPendingTests > 0) counts.push(`${result.numPendingTests} skipped`);
    if (result.numTodoTests > 0) counts.push(`${result.numTodoTests} todo`);
    const status = failed ? paint("1;31", "FAIL") : paint("1;32", "PASS");
    const lines = [`${status} ${file} (${counts.join(", ")}, ${seconds} s)`];
    if (failed) {
      for (const entry of result.console ?? []) {
        lines.push(`  console.${entry.type}`, ...String(entry.message).split("\n").map((l) => `    ${l}`), "");
      }
      if (result.failureMessage) lines.push(result.failureMessage);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}

module.exports = SummaryReporter;
