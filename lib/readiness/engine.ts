/**
 * The readiness engine: runs rules over Terraform JSON, applies waivers, maps levels to severities,
 * and computes the scorecard, criteria, and artifact inventory. Pure (no I/O) unless `render` asks for the deploy
 * rehearsal, which runs Helm first (lib/readiness/rehearsal).
 */
import { createRuleContext } from "./context";
import { CRITERIA, MANDATORY_TOTAL, RECOMMENDED_TOTAL } from "./criteria";
import { buildInventory } from "./inventory";
import { rehearse } from "./rehearsal/render";
import type { RenderOptions } from "./rehearsal/options";
import type {
  CriterionCount,
  CriterionResult,
  ReadinessResult,
  ReportedFinding,
  RuleSummary,
  Scorecard,
  WaiverRecord,
} from "./result";
import type { CriterionId, Finding, FindingSeverity, ResourceView, Rule, RuleLevel, TerraformJson } from "./types";
import { readystackVersion } from "./version";

/** Synthetic rule: a rule threw or returned something that is not a RuleOutcome. */
export const RULE_ERROR_ID = "RS-ENGINE-RULE-ERROR";
/** Synthetic rule: a waiver names an unknown rule, has a short reason, or is malformed. */
export const WAIVER_INVALID_ID = "RS-WAIVER-INVALID";
/** Synthetic rule: a waiver suppresses nothing. */
export const WAIVER_UNUSED_ID = "RS-WAIVER-UNUSED";
/** Minimum length of a waiver reason (after trimming). */
export const MIN_WAIVER_REASON = 10;

/** The engine's own rules, listed in reports so SARIF results can point at them. */
export const ENGINE_RULES: readonly Omit<RuleSummary, "severity">[] = [
  {
    id: RULE_ERROR_ID,
    level: "mandatory",
    title: "Every readiness rule runs to completion",
    rationale: "A rule that crashes proves nothing about its criterion; the criterion cannot count as met.",
    remediation: "Fix the rule (or report the bug); the message names the rule and its error.",
    engine: true,
  },
  {
    id: WAIVER_INVALID_ID,
    level: "mandatory",
    title: "Waivers name a known rule and give a reason of at least 10 characters",
    rationale: "A waiver is a recorded decision; without a real rule id and a reason it hides problems silently.",
    remediation: "Use Readiness.waive(construct, ruleId, reason) with an existing rule id and a reason of 10+ characters.",
    engine: true,
  },
  {
    id: WAIVER_UNUSED_ID,
    level: "mandatory",
    title: "Every waiver suppresses a finding",
    rationale: "A waiver that matches nothing is stale and would silently hide a future regression.",
    remediation: "Remove the waiver, or move it to the resource that has the finding.",
    engine: true,
  },
];

/** Options of {@link runReadiness}. */
export interface EngineOptions {
  /**
   * The rules to run.
   * @default defaultRules() (ALL_RULES of lib/readiness/rules)
   */
  readonly rules?: readonly Rule[];
  /**
   * Recommended rules become errors.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * The JSON text the document was parsed from, for line numbers.
   * @default no line numbers
   */
  readonly source?: string;
  /**
   * Stack name for reports.
   * @default `//.metadata.stackName` of the JSON, if any
   */
  readonly stackName?: string;
  /**
   * Path of the checked file relative to the project root (SARIF artifact URI).
   * @default none
   */
  readonly artifact?: string;
  /**
   * Render every helm_release with the real Helm before the rules run (the deploy rehearsal): rendered objects join
   * the model, and the result carries the rendering report.
   * @default no rendering
   */
  readonly render?: RenderOptions;
}

/** The built-in rules (`ALL_RULES` of lib/readiness/rules), loaded on first use. */
export function defaultRules(): readonly Rule[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require("./rules/index") as { ALL_RULES?: readonly Rule[] };
  if (!Array.isArray(mod.ALL_RULES)) throw new Error("lib/readiness/rules/index.ts does not export ALL_RULES");
  return mod.ALL_RULES;
}

/** Severity of a rule's findings under a strictness. */
export function severityOf(level: RuleLevel, strict: boolean): FindingSeverity {
  return level === "mandatory" || strict ? "error" : "warning";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** A waiver as read from the JSON, before validation. */
interface RawWaiver {
  readonly ruleId: string;
  readonly reason: string;
  readonly scope?: string;
  readonly holder?: ResourceView;
  readonly valid: boolean;
  suppressed: number;
}

/** Read waivers from each resource's `//.readystack.waivers` and the document's `//.readystack.waivers`. */
function collectWaivers(
  json: TerraformJson,
  resources: readonly ResourceView[],
  knownRules: ReadonlySet<string>,
  invalid: ReportedFinding[],
): RawWaiver[] {
  const waivers: RawWaiver[] = [];
  const read = (list: unknown, holder: ResourceView | undefined): void => {
    if (list === undefined) return;
    const where = holder ? holder.address : "the stack";
    const base = holder ? findingLocation(holder) : {};
    if (!Array.isArray(list)) {
      invalid.push({
        ruleId: WAIVER_INVALID_ID,
        severity: "error",
        message: `${where}: //.readystack.waivers must be a list of {ruleId, reason}, got ${typeof list}`,
        remediation: ENGINE_RULES[1].remediation,
        ...base,
      });
      return;
    }
    for (const entry of list) {
      const ruleId = isRecord(entry) && typeof entry.ruleId === "string" ? entry.ruleId : undefined;
      const reason = isRecord(entry) && typeof entry.reason === "string" ? entry.reason : "";
      const scope = isRecord(entry) && typeof entry.scope === "string" ? entry.scope : undefined;
      let problem: string | undefined;
      if (ruleId === undefined) problem = `a waiver without a rule id (${JSON.stringify(entry)})`;
      else if (!knownRules.has(ruleId)) problem = `a waiver names unknown rule ${ruleId}`;
      else if (reason.trim().length < MIN_WAIVER_REASON)
        problem = `the waiver of ${ruleId} has a reason shorter than ${MIN_WAIVER_REASON} characters (${JSON.stringify(reason)})`;
      if (problem !== undefined) {
        invalid.push({
          ruleId: WAIVER_INVALID_ID,
          severity: "error",
          message: `${where}: ${problem}`,
          remediation: ENGINE_RULES[1].remediation,
          ...base,
        });
      }
      waivers.push({
        ruleId: ruleId ?? "",
        reason,
        ...(scope !== undefined ? { scope } : {}),
        ...(holder ? { holder } : {}),
        valid: problem === undefined,
        suppressed: 0,
      });
    }
  };
  const top = json["//"];
  if (isRecord(top) && isRecord(top.readystack)) read(top.readystack.waivers, undefined);
  for (const view of resources) read(view.readystack.waivers, view);
  return waivers;
}

function findingLocation(view: ResourceView): { address: string; constructPath?: string; line?: number } {
  return {
    address: view.address,
    ...(view.constructPath !== undefined ? { constructPath: view.constructPath } : {}),
    ...(view.line !== undefined ? { line: view.line } : {}),
  };
}

function countGroup(criteria: readonly CriterionResult[], group: "mandatory" | "recommended", total: number): CriterionCount {
  const inGroup = criteria.filter((c) => c.group === group);
  return {
    met: inGroup.filter((c) => c.status === "met").length,
    waived: inGroup.filter((c) => c.status === "waived").length,
    unmet: inGroup.filter((c) => c.status === "unmet").length,
    unchecked: inGroup.filter((c) => c.status === "unchecked").length,
    total,
  };
}

/**
 * Check a Terraform JSON document: run every rule (a rule that throws becomes an `RS-ENGINE-RULE-ERROR`
 * finding, never a crash), apply waivers, map levels to severities, and build criteria, scorecard and inventory.
 */
export function runReadiness(json: TerraformJson, options: EngineOptions = {}): ReadinessResult {
  const strict = options.strict ?? false;
  const rules = options.rules ?? defaultRules();
  const rehearsal = options.render !== undefined ? rehearse(json, options.render) : undefined;
  const ctx = createRuleContext(json, {
    strict,
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(rehearsal !== undefined ? { extraObjects: rehearsal.objects, rendering: rehearsal.report } : {}),
  });

  const summaries: RuleSummary[] = [];
  const raw: ReportedFinding[] = [];
  const engineFindings: ReportedFinding[] = [];
  const evidenceByRule = new Map<string, string[]>();
  const ran: Rule[] = [];
  const seen = new Set<string>();

  for (const rule of rules) {
    if (seen.has(rule.id)) {
      engineFindings.push({
        ruleId: RULE_ERROR_ID,
        severity: "error",
        criterion: rule.criterion,
        message: `rule ${rule.id} is registered twice; the second registration was skipped`,
        remediation: ENGINE_RULES[0].remediation,
      });
      continue;
    }
    seen.add(rule.id);
    ran.push(rule);
    const severity = severityOf(rule.level, strict);
    summaries.push({
      id: rule.id,
      criterion: rule.criterion,
      level: rule.level,
      severity,
      title: rule.title,
      rationale: rule.rationale,
      remediation: rule.remediation,
      engine: false,
    });
    let outcome: unknown;
    try {
      outcome = rule.check(ctx);
    } catch (error) {
      engineFindings.push({
        ruleId: RULE_ERROR_ID,
        severity: "error",
        criterion: rule.criterion,
        message: `rule ${rule.id} threw ${errorText(error)}`,
        remediation: ENGINE_RULES[0].remediation,
      });
      continue;
    }
    if (!isRecord(outcome) || !Array.isArray(outcome.findings) || !Array.isArray(outcome.evidence)) {
      engineFindings.push({
        ruleId: RULE_ERROR_ID,
        severity: "error",
        criterion: rule.criterion,
        message: `rule ${rule.id} returned ${JSON.stringify(outcome) ?? String(outcome)} instead of {findings, evidence}`,
        remediation: ENGINE_RULES[0].remediation,
      });
      continue;
    }
    evidenceByRule.set(
      rule.id,
      (outcome.evidence as unknown[]).filter((e): e is string => typeof e === "string"),
    );
    for (const f of outcome.findings as unknown[]) {
      const finding = (isRecord(f) ? f : { message: String(f) }) as Omit<Finding, "ruleId">;
      const view = finding.address !== undefined ? ctx.get(finding.address) : undefined;
      const constructPath = finding.constructPath ?? view?.constructPath;
      raw.push({
        ruleId: rule.id,
        severity,
        criterion: rule.criterion,
        message: typeof finding.message === "string" ? finding.message : String(finding.message),
        remediation: finding.remediation ?? rule.remediation,
        ...(finding.address !== undefined ? { address: finding.address } : {}),
        ...(constructPath !== undefined ? { constructPath } : {}),
        ...(view?.line !== undefined ? { line: view.line } : {}),
        ...(typeof finding.objectRef === "string" ? { objectRef: finding.objectRef } : {}),
      });
    }
  }

  // Waivers: a valid waiver suppresses its rule's findings on the resource that carries it
  // (a stack-level waiver: the rule's findings that name no resource).
  const knownRules = new Set(ran.map((r) => r.id));
  const invalidFindings: ReportedFinding[] = [];
  const waivers = collectWaivers(json, ctx.resources, knownRules, invalidFindings);
  const waiverIndex = new Map<string, RawWaiver>();
  for (const w of waivers) {
    if (!w.valid) continue;
    const key = `${w.ruleId}\u0000${w.holder?.address ?? ""}`;
    if (!waiverIndex.has(key)) waiverIndex.set(key, w);
  }
  const findings: ReportedFinding[] = raw.map((f) => {
    const w = waiverIndex.get(`${f.ruleId}\u0000${f.address ?? ""}`);
    if (!w) return f;
    w.suppressed++;
    return { ...f, waivedReason: w.reason };
  });
  // Copies of one construct-level waiver (same rule, reason and scope) count as one waiver.
  const groups = new Map<string, RawWaiver[]>();
  for (const w of waivers) {
    const key = w.valid ? `${w.ruleId}\u0000${w.reason}\u0000${w.scope ?? w.holder?.address ?? ""}` : `invalid\u0000${groups.size}`;
    const list = groups.get(key) ?? [];
    list.push(w);
    groups.set(key, list);
  }
  const unusedFindings: ReportedFinding[] = [];
  const waiverRecords: WaiverRecord[] = [];
  for (const members of groups.values()) {
    const first = members[0];
    const suppressed = members.reduce((n, w) => n + w.suppressed, 0);
    const addresses = members.flatMap((w) => (w.holder ? [w.holder.address] : []));
    const status = !first.valid ? "invalid" : suppressed > 0 ? "applied" : "unused";
    waiverRecords.push({
      ruleId: first.ruleId,
      reason: first.reason,
      ...(first.scope !== undefined ? { scope: first.scope } : {}),
      addresses,
      status,
      suppressed,
    });
    if (status !== "unused") continue;
    const where =
      first.scope !== undefined
        ? `${first.scope} (${addresses.length} resource(s))`
        : first.holder
          ? first.holder.address
          : "the stack";
    unusedFindings.push({
      ruleId: WAIVER_UNUSED_ID,
      severity: "error",
      message: `${where}: the waiver of ${first.ruleId} ("${first.reason}") suppresses no finding`,
      remediation: ENGINE_RULES[2].remediation,
      ...(first.holder ? findingLocation(first.holder) : {}),
      ...(first.scope !== undefined ? { constructPath: first.scope } : {}),
    });
  }
  const all = [...engineFindings, ...findings, ...invalidFindings, ...unusedFindings];

  // Criteria.
  const rulesByCriterion = new Map<CriterionId, string[]>();
  for (const r of ran) {
    const list = rulesByCriterion.get(r.criterion) ?? [];
    list.push(r.id);
    rulesByCriterion.set(r.criterion, list);
  }
  const findingsByCriterion = new Map<CriterionId, ReportedFinding[]>();
  for (const f of all) {
    if (f.criterion === undefined) continue;
    const list = findingsByCriterion.get(f.criterion) ?? [];
    list.push(f);
    findingsByCriterion.set(f.criterion, list);
  }
  const criteria: CriterionResult[] = CRITERIA.map((def) => {
    const ruleIds = rulesByCriterion.get(def.id) ?? [];
    const own = findingsByCriterion.get(def.id) ?? [];
    const open = own.filter((f) => f.waivedReason === undefined);
    const waived = own.filter((f) => f.waivedReason !== undefined);
    const evidence: string[] = [];
    const seenEvidence = new Set<string>();
    for (const id of ruleIds) {
      for (const e of evidenceByRule.get(id) ?? []) {
        if (!seenEvidence.has(e)) {
          seenEvidence.add(e);
          evidence.push(e);
        }
      }
    }
    const status =
      open.length > 0 ? "unmet" : ruleIds.length === 0 ? "unchecked" : waived.length > 0 ? "waived" : "met";
    return { id: def.id, title: def.title, group: def.group, status, rules: ruleIds, evidence, findings: open, waived };
  });

  const open = all.filter((f) => f.waivedReason === undefined);
  const securityRules = ran.filter((r) => r.criterion === "security");
  const failingSecurity = new Set(open.filter((f) => f.criterion === "security").map((f) => f.ruleId));
  const scorecard: Scorecard = {
    mandatory: countGroup(criteria, "mandatory", MANDATORY_TOTAL),
    recommended: countGroup(criteria, "recommended", RECOMMENDED_TOTAL),
    security: {
      passed: securityRules.filter((r) => !failingSecurity.has(r.id)).length,
      total: securityRules.length,
      findings: open.filter((f) => f.criterion === "security").length,
    },
    errors: open.filter((f) => f.severity === "error").length,
    warnings: open.filter((f) => f.severity === "warning").length,
    waived: all.length - open.length,
  };

  const top = json["//"];
  const meta = isRecord(top) && isRecord(top.metadata) ? top.metadata : undefined;
  const stack = options.stackName ?? (meta && typeof meta.stackName === "string" ? meta.stackName : undefined);

  return {
    generator: { name: "readystack", version: readystackVersion() },
    ...(stack !== undefined ? { stack } : {}),
    ...(options.artifact !== undefined ? { artifact: options.artifact } : {}),
    strict,
    passed: scorecard.errors === 0,
    scorecard,
    rules: [...summaries, ...ENGINE_RULES.map((r) => ({ ...r, severity: "error" as const }))],
    criteria,
    findings: all,
    waivers: waiverRecords,
    inventory: buildInventory(ctx),
    ...(ctx.rendering !== undefined ? { rendering: ctx.rendering } : {}),
  };
}

/** The findings that fail the check: unwaived, at error severity. */
export function blockingFindings(result: ReadinessResult): ReportedFinding[] {
  return result.findings.filter((f) => f.severity === "error" && f.waivedReason === undefined);
}
