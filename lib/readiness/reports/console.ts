import type { CriterionResult, ReadinessResult } from "../result";
import { countText, findingLine, verdictText } from "./format";

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

const MARK: Record<CriterionResult["status"], string> = { met: "✔", unmet: "✘", waived: "~", unchecked: "-" };

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
      `security ${s.security.passed}/${s.security.total}; ${s.errors} error(s), ${s.warnings} warning(s), ${s.waived} waived`,
  );
  for (const c of result.criteria) {
    const mark = MARK[c.status];
    const colored = c.status === "met" ? green(mark) : c.status === "unmet" ? red(mark) : c.status === "waived" ? yellow(mark) : dim(mark);
    lines.push(`  ${colored} ${c.title}${c.status === "unchecked" ? dim(" (no rules)") : ""}`);
  }
  for (const f of result.findings) {
    if (f.waivedReason !== undefined) continue;
    const tag = f.severity === "error" ? red("error") : yellow("warning");
    lines.push(`  ${tag} ${findingLine(f)}`);
  }
  return `${lines.join("\n")}\n`;
}
