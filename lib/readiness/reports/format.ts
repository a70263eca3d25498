import { CRITERIA } from "../criteria";
import type { CriterionCount, ReadinessResult, ReportedFinding, WaiverRecord } from "../result";

/**
 * "4/4" (met of the applicable criteria) plus the waived count, the n/a criteria by name, and how many were not
 * checked: "4/4 (+1 waived; n/a: Redis production-ready, HTTPS ingress)".
 */
export function countText(c: CriterionCount): string {
  if (c.total > 0 && c.unchecked === c.total) return "not checked";
  const notes: string[] = [];
  if (c.waived > 0) notes.push(`+${c.waived} waived`);
  if (c.notApplicable > 0) {
    notes.push(`n/a: ${c.notApplicableCriteria.map((id) => CRITERIA.find((d) => d.id === id)?.title ?? id).join(", ")}`);
  }
  if (c.unchecked > 0) notes.push(`${c.unchecked} not checked`);
  return `${c.met}/${c.applicable}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
}

/** Where a waiver was written: "code", "config file readiness.yaml", "annotation". */
export function waiverSource(w: WaiverRecord): string {
  return w.source === "config" ? `config file ${w.file ?? ""}`.trimEnd() : w.source;
}

/** "PASSED" / "FAILED". */
export function verdictText(result: ReadinessResult): string {
  return result.passed ? "PASSED" : "FAILED";
}

/** `RULE-ID address (construct path): message — fix: remediation`. */
export function findingLine(f: ReportedFinding): string {
  const where = f.address !== undefined ? ` ${f.address}${f.objectRef !== undefined ? ` ${f.objectRef}` : ""}` : "";
  const path = f.constructPath !== undefined ? ` (${f.constructPath})` : "";
  const file = f.artifact !== undefined ? ` (${f.artifact}${f.line !== undefined ? `:${f.line}` : ""})` : "";
  return `${f.ruleId}${where}${path}${file}: ${f.message} — fix: ${f.remediation}`;
}
