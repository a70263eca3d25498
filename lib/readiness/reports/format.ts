import type { CriterionCount, ReadinessResult, ReportedFinding } from "../result";

/** "5/6" plus the waived count when there is one. */
export function countText(c: CriterionCount): string {
  return `${c.met}/${c.total}${c.waived > 0 ? ` (+${c.waived} waived)` : ""}`;
}

/** "PASSED" / "FAILED". */
export function verdictText(result: ReadinessResult): string {
  return result.passed ? "PASSED" : "FAILED";
}

/** `RULE-ID address (construct path): message — fix: remediation`. */
export function findingLine(f: ReportedFinding): string {
  const where = f.address !== undefined ? ` ${f.address}` : "";
  const path = f.constructPath !== undefined ? ` (${f.constructPath})` : "";
  return `${f.ruleId}${where}${path}: ${f.message} — fix: ${f.remediation}`;
}
