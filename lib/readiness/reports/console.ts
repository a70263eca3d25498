import type { CriterionResult, ReadinessResult } from "../result";
import { coverageSummary } from "../coverage";
import { countText, findingLine, verdictText, waiverSource } from "./format";

/** Options of {@link renderConsole}. */
export interface ConsoleOptions {
  /**
   * Use ANSI colours.
   * @default false
   */
  readonly color?: boolean;
}

/** Whether to colour output on a stream: a TTY, and NO_COLOR unset or empty (https://no-color.org). */
export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

const MARK: Record<CriterionResult["status"], string> = { met: "✔", unmet: "✘", waived: "~", unchecked: "-", "not-applicable": "n/a" };

/** The short scorecard printed at synth and by the CLI's table format. */
export function renderConsole(result: ReadinessResult, options: ConsoleOptions = {}): string {
  const paint = (code: string, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const green = (t: string) => paint("32", t);
  const red = (t: string) => paint("31", t);
  const yellow = (t: string) => paint("33", t);
  const dim = (t: string) => paint("2", t);
  const bold = (t: string) => paint("1", t);
  const s = result.scorecard;
  const lines: string[] = [];
  const verdict = result.passed ? green(verdictText(result)) : red(verdictText(result));
  lines.push(
    `${bold(`readystack ${result.stack ?? ""}`.trimEnd())}: ${verdict}${result.strict ? " (strict)" : ""} — ` +
      `mandatory ${countText(s.mandatory)}, recommended ${countText(s.recommended)}, ` +
      `security ${s.security.passed}/${s.security.total - s.security.notApplicable}${s.security.notApplicable > 0 ? ` (${s.security.notApplicable} n/a)` : ""}; ${s.errors} error(s), ${s.warnings} warning(s), ${s.waived} waived`,
  );
  // A group none of whose rules ran (the kubernetes pack has no rule of the 11 criteria) is summed up in the
  // first line ("not checked"), not listed criterion by criterion.
  const groupUnchecked = (group: string): boolean => result.criteria.filter((c) => c.group === group).every((c) => c.status === "unchecked");
  for (const c of result.criteria) {
    if (c.status === "unchecked" && groupUnchecked(c.group)) continue;
    const mark = MARK[c.status];
    const colored = c.status === "met" ? green(mark) : c.status === "unmet" ? red(mark) : c.status === "waived" ? yellow(mark) : dim(mark);
    const note = c.status === "unchecked" ? dim(" (no rules ran)") : c.status === "not-applicable" ? dim(" (not applicable: the stack has none of it)") : "";
    lines.push(`  ${colored} ${c.title}${note}`);
  }
  const pack = result.selection.pack;
  if (pack !== undefined) lines.push(dim(`  pack ${pack}${result.selection.packDetected ? " (detected)" : ""}${result.selection.config !== undefined ? `, config ${result.selection.config}` : ""}`));
  lines.push(`  coverage: ${coverageSummary(result.coverage)}`);
  for (const n of result.coverage.notAnalysed) {
    lines.push(dim(`    not analysed: ${n.address}${n.objectRef !== undefined ? ` ${n.objectRef}` : ""}: ${n.reason}`));
  }
  for (const w of result.waivers) {
    if (w.status === "unused" || w.status === "invalid") continue;
    const on = w.scope ?? (w.addresses.length === 1 ? w.addresses[0] : w.addresses.length === 0 ? "(stack)" : `${w.addresses.length} resources`);
    lines.push(dim(`  waiver ${w.ruleId} on ${on}${w.objectRef !== undefined ? ` ${w.objectRef}` : ""} [${waiverSource(w)}, ${w.status}]: ${w.reason}`));
  }
  for (const f of result.findings) {
    if (f.waivedReason !== undefined) continue;
    const tag = f.severity === "error" ? red("error") : yellow("warning");
    lines.push(`  ${tag} ${findingLine(f)}`);
  }
  return `${lines.join("\n")}\n`;
}
