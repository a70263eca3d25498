/**
 * The readiness engine: chooses rules (pack, only, skip), runs them over Terraform JSON, applies waivers (code,
 * config, annotations), maps levels to severities, and computes criteria (n/a included), scorecard, coverage and the
 * artifact inventory. Pure (no I/O) unless `render` asks for the deploy rehearsal, which runs Helm first
 * (lib/readiness/rehearsal).
 */
import { resolveOptions } from "./config/options";
import type { ReadinessConfig } from "./config/types";
import { ReadinessConfigError, validateConfig } from "./config/validate";
import { createRuleContext } from "./context";
import { buildCoverage } from "./coverage";
import { CRITERIA, MANDATORY_TOTAL, RECOMMENDED_TOTAL } from "./criteria";
import { buildInventory } from "./inventory";
import { detectPack, packsOf, selectRules, unknownRuleIds } from "./packs";
import { statusLabel } from "./result";
import { rehearse } from "./rehearsal/render";
import type { RenderOptions } from "./rehearsal/options";
import type { RenderingReport } from "./model/rendering";
import type {
  CriterionCount,
  CriterionResult,
  CriterionStatus,
  ReadinessResult,
  ReportedFinding,
  RuleSummary,
  RunSelection,
  Scorecard,
  WaiverRecord,
} from "./result";
import type { CriterionId, Finding, FindingSeverity, ResourceView, Rule, RuleLevel, RulePack, TerraformJson } from "./types";
import { annotationWaivers, codeWaivers, configWaivers, type RawWaiver, waiverMatches } from "./waivers";
import { readystackVersion } from "./version";

/** Synthetic rule: a rule threw or returned something that is not a RuleOutcome. */
export const RULE_ERROR_ID = "RS-ENGINE-RULE-ERROR";
/** Synthetic rule: a waiver names an unknown rule, has a short reason, or is malformed. */
export const WAIVER_INVALID_ID = "RS-WAIVER-INVALID";
/**
 * True when the waiver names one object of a helm_release that was not rendered in this run (no chart source,
 * no Helm, or Helm refused it): the object is not in the model, so the waiver cannot be judged unused.
 */
function waivesUnrenderedObject(w: RawWaiver, rendering: RenderingReport | undefined): boolean {
  if (w.objectRef === undefined || w.address === undefined || !w.address.startsWith("helm_release.")) return false;
  return rendering?.releases.find((r) => r.address === w.address)?.status !== "rendered";
}

/** Synthetic rule: a waiver suppresses nothing. */
export const WAIVER_UNUSED_ID = "RS-WAIVER-UNUSED";
/** Synthetic rule: the stack has nothing the rules can read (no Kubernetes resource or object). */
export const NOTHING_ANALYSED_ID = "RS-ENGINE-NOTHING-ANALYSED";
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
  {
    id: NOTHING_ANALYSED_ID,
    level: "mandatory",
    title: "The stack has Kubernetes resources the readiness rules can read",
    rationale: "A check that read nothing proves nothing: a stack of module calls or other providers cannot pass by default.",
    remediation:
      "Point the check at the stack that declares the Kubernetes workloads (kubernetes_* resources, kubernetes_manifest, helm_release); " +
      "resources inside module calls are not followed.",
    engine: true,
  },
];

/** Options of {@link runReadiness}. */
export interface EngineOptions {
  /**
   * The rules to choose from (the pack, `only` and `skip` select among them).
   * @default defaultRules() (ALL_RULES of lib/readiness/rules)
   */
  readonly rules?: readonly Rule[];
  /**
   * Your own rules: they run whatever the pack (`only` and `skip` still apply).
   * @default []
   */
  readonly extraRules?: readonly Rule[];
  /**
   * The rule pack; `"detect"`: `readystack` for stacks readystack built (detected from its `//.readystack` facts),
   * `kubernetes` otherwise.
   * @default the config's pack; else "detect" with the built-in rules and no `only`; else every given rule
   */
  readonly pack?: RulePack | "detect";
  /**
   * Only these rule ids run.
   * @default the config's `only`, else every rule of the pack
   */
  readonly only?: readonly string[];
  /**
   * These rule ids do not run (added to the config's `skip`).
   * @default none
   */
  readonly skip?: readonly string[];
  /**
   * The readiness config (pack, only/skip, rule options, role selectors, waivers); validated against the rules.
   * @default no config
   */
  readonly config?: ReadinessConfig;
  /**
   * Where the config came from (a file name), for messages and reports.
   * @default "readiness config"
   */
  readonly configSource?: string;
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
   * Where each resource is written when the configuration is several files (Terraform HCL): address → the file
   * (as a SARIF artifact path, like `artifact`) and 1-based line. A finding on that resource gets both.
   * @default none: findings carry the line `source` gives, in `artifact`
   */
  readonly locations?: ReadonlyMap<string, { readonly artifact: string; readonly line: number }>;
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

function findingLocation(view: ResourceView): { address: string; constructPath?: string; line?: number } {
  return {
    address: view.address,
    ...(view.constructPath !== undefined ? { constructPath: view.constructPath } : {}),
    ...(view.line !== undefined ? { line: view.line } : {}),
  };
}

function countGroup(criteria: readonly CriterionResult[], group: "mandatory" | "recommended", total: number): CriterionCount {
  const inGroup = criteria.filter((c) => c.group === group);
  const notApplicable = inGroup.filter((c) => c.status === "not-applicable");
  const unchecked = inGroup.filter((c) => c.status === "unchecked").length;
  return {
    met: inGroup.filter((c) => c.status === "met").length,
    waived: inGroup.filter((c) => c.status === "waived").length,
    unmet: inGroup.filter((c) => c.status === "unmet").length,
    unchecked,
    notApplicable: notApplicable.length,
    notApplicableCriteria: notApplicable.map((c) => c.id),
    applicable: total - notApplicable.length,
    total,
  };
}

/** The rule selection of a run: which rules run, under which pack. Throws on unknown rule ids. */
function chooseRules(json: TerraformJson, options: EngineOptions, config: ReadinessConfig): {
  available: Rule[];
  selected: Rule[];
  selection: RunSelection;
} {
  const base = options.rules ?? defaultRules();
  const extra = options.extraRules ?? [];
  const available = [...base, ...extra];
  const only = options.only ?? config.only;
  const skip = [...(options.skip ?? []), ...(config.skip ?? [])];
  const source = options.configSource ?? "readiness options";
  for (const [field, ids] of [["only", only ?? []], ["skip", skip]] as const) {
    const unknown = unknownRuleIds(ids, available);
    if (unknown.length > 0) {
      throw new ReadinessConfigError(source, field, unknown[0], `a rule id, one of ${available.map((r) => r.id).join(", ")}`);
    }
  }
  const named = options.pack !== "detect" ? options.pack ?? config.pack : undefined;
  const detect = options.pack === "detect" || (options.pack === undefined && config.pack === undefined && options.rules === undefined && only === undefined);
  const detected = named === undefined && detect ? detectPack(json) : undefined;
  const pack = named ?? detected;
  const selected = [
    ...selectRules(base, { ...(pack !== undefined ? { pack } : {}), ...(only !== undefined ? { only } : {}), skip }),
    ...selectRules(extra, { ...(only !== undefined ? { only } : {}), skip }),
  ];
  return {
    available,
    selected,
    selection: {
      ...(pack !== undefined ? { pack } : {}),
      packDetected: detected !== undefined,
      ...(only !== undefined ? { only } : {}),
      ...(skip.length > 0 ? { skip } : {}),
      ...(options.configSource !== undefined ? { config: options.configSource } : {}),
    },
  };
}

/**
 * Check a Terraform JSON document: choose the rules (pack, only, skip), run them (a rule that throws becomes an
 * `RS-ENGINE-RULE-ERROR` finding, never a crash), apply waivers (code, config file, annotations), map levels to
 * severities, and build criteria (met, unmet, waived, n/a), scorecard, coverage and inventory.
 * @throws ReadinessConfigError when the config or `only`/`skip` name something that does not exist
 */
export function runReadiness(json: TerraformJson, options: EngineOptions = {}): ReadinessResult {
  const strict = options.strict ?? false;
  const rawConfig = options.config ?? {};
  const preliminary = [...(options.rules ?? defaultRules()), ...(options.extraRules ?? [])];
  const config = validateConfig(rawConfig, preliminary, options.configSource ?? "readiness config");
  const { available, selected: rules, selection } = chooseRules(json, options, config);
  const roles = config.roles;
  const rehearsal = options.render !== undefined ? rehearse(json, options.render) : undefined;
  const ctx = createRuleContext(json, {
    strict,
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(roles !== undefined ? { roles } : {}),
    ruleOptions: resolveOptions(available, config.options),
    ...(rehearsal !== undefined ? { extraObjects: rehearsal.objects, rendering: rehearsal.report } : {}),
  });

  const summaries: RuleSummary[] = [];
  const raw: ReportedFinding[] = [];
  const engineFindings: ReportedFinding[] = [];
  const evidenceByRule = new Map<string, string[]>();
  const configurationByRule = new Map<string, string[]>();
  const applicableByRule = new Map<string, boolean>();
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
    const summary = {
      id: rule.id,
      criterion: rule.criterion,
      level: rule.level,
      severity,
      title: rule.title,
      rationale: rule.rationale,
      remediation: rule.remediation,
      engine: false,
      packs: packsOf(rule),
    };
    let outcome: unknown;
    try {
      outcome = rule.check(ctx);
    } catch (error) {
      summaries.push(summary);
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
      summaries.push(summary);
      engineFindings.push({
        ruleId: RULE_ERROR_ID,
        severity: "error",
        criterion: rule.criterion,
        message: `rule ${rule.id} returned ${JSON.stringify(outcome) ?? String(outcome)} instead of {findings, evidence}`,
        remediation: ENGINE_RULES[0].remediation,
      });
      continue;
    }
    const evidence = (outcome.evidence as unknown[]).filter((e): e is string => typeof e === "string");
    evidenceByRule.set(rule.id, evidence);
    const configuration: unknown = outcome.configuration;
    if (Array.isArray(configuration)) configurationByRule.set(rule.id, configuration.filter((e): e is string => typeof e === "string"));
    const applicable =
      typeof outcome.applicable === "boolean"
        ? outcome.applicable || outcome.findings.length > 0
        : outcome.findings.length > 0 || evidence.length > 0;
    applicableByRule.set(rule.id, applicable);
    summaries.push({ ...summary, applicable });
    for (const f of outcome.findings as unknown[]) {
      const finding = (isRecord(f) ? f : { message: String(f) }) as Omit<Finding, "ruleId">;
      const view = finding.address !== undefined ? ctx.get(finding.address) : undefined;
      const constructPath = finding.constructPath ?? view?.constructPath;
      const written = finding.address !== undefined ? options.locations?.get(finding.address) : undefined;
      const line = view?.line ?? written?.line;
      raw.push({
        ruleId: rule.id,
        severity,
        criterion: rule.criterion,
        message: typeof finding.message === "string" ? finding.message : String(finding.message),
        remediation: finding.remediation ?? rule.remediation,
        ...(finding.address !== undefined ? { address: finding.address } : {}),
        ...(typeof finding.objectRef === "string" ? { objectRef: finding.objectRef } : {}),
        ...(constructPath !== undefined ? { constructPath } : {}),
        ...(line !== undefined ? { line } : {}),
        ...(written !== undefined ? { artifact: written.artifact } : {}),
        ...(typeof finding.objectRef === "string" ? { objectRef: finding.objectRef } : {}),
      });
    }
  }

  // Coverage: a stack with nothing the rules can read is not a pass.
  const coverage = buildCoverage(json, ctx);
  if (coverage.nothingAnalysed) {
    const modules = coverage.notAnalysed.filter((n) => n.address.startsWith("module.")).length;
    const others = Object.entries(coverage.otherProviders);
    const otherCount = others.reduce((n, [, c]) => n + c, 0);
    const what = [
      ...(modules > 0 ? [`${modules} module call(s), not followed`] : []),
      ...(otherCount > 0 ? [`${otherCount} resource(s) of other providers (${others.map(([p, c]) => `${p} ${c}`).join(", ")})`] : []),
      ...(coverage.notAnalysed.length - modules > 0 ? [`${coverage.notAnalysed.length - modules} resource(s) of types no rule reads`] : []),
    ];
    engineFindings.push({
      ruleId: NOTHING_ANALYSED_ID,
      severity: "error",
      message:
        `nothing was analysed: the stack has no Kubernetes resource or object the readiness rules can read` +
        `${what.length > 0 ? ` (it has ${what.join("; ")})` : " (it has no resources)"}, so no criterion can be shown met`,
      remediation: ENGINE_RULES[3].remediation,
    });
  }

  // Waivers: code (//.readystack.waivers), the config file, and readystack.io/waive.<RULE-ID> annotations.
  const availableIds = new Set(available.map((r) => r.id));
  const ranIds = new Set(ran.map((r) => r.id));
  const waivers: RawWaiver[] = [
    ...codeWaivers(json, ctx.resources),
    ...configWaivers(config.waivers ?? [], ctx, options.configSource ?? "readiness config"),
    ...annotationWaivers(ctx),
  ];
  for (const w of waivers) {
    if (w.problem !== undefined) continue;
    if (!availableIds.has(w.ruleId)) w.problem = `a waiver names unknown rule ${w.ruleId}`;
    else if (w.reason.trim().length < MIN_WAIVER_REASON) {
      w.problem = `the waiver of ${w.ruleId} has a reason shorter than ${MIN_WAIVER_REASON} characters (${JSON.stringify(w.reason)})`;
    }
  }
  const active = waivers.filter((w) => w.problem === undefined && ranIds.has(w.ruleId));
  const findings: ReportedFinding[] = raw.map((f) => {
    const matching = active.filter((w) => waiverMatches(w, f));
    if (matching.length === 0) return f;
    for (const w of matching) w.suppressed++;
    return { ...f, waivedReason: matching[0].reason, waiverSource: matching[0].source };
  });
  // Copies of one construct-level waiver (same rule, reason and scope) count as one waiver.
  const groups = new Map<string, RawWaiver[]>();
  for (const w of waivers) {
    const key =
      w.problem === undefined && w.scope !== undefined
        ? `${w.source}\u0000${w.ruleId}\u0000${w.reason}\u0000${w.scope}`
        : `single\u0000${groups.size}`;
    const list = groups.get(key) ?? [];
    list.push(w);
    groups.set(key, list);
  }
  const invalidFindings: ReportedFinding[] = [];
  const unusedFindings: ReportedFinding[] = [];
  const waiverRecords: WaiverRecord[] = [];
  for (const members of groups.values()) {
    const first = members[0];
    const suppressed = members.reduce((n, w) => n + w.suppressed, 0);
    const addresses = members.flatMap((w) => (w.address !== undefined ? [w.address] : []));
    const status =
      first.problem !== undefined
        ? "invalid"
        : !ranIds.has(first.ruleId) || (suppressed === 0 && waivesUnrenderedObject(first, ctx.rendering))
          ? "not-run"
          : suppressed > 0
            ? "applied"
            : "unused";
    waiverRecords.push({
      ruleId: first.ruleId,
      reason: first.reason,
      ...(first.scope !== undefined ? { scope: first.scope } : {}),
      addresses,
      ...(first.objectRef !== undefined ? { objectRef: first.objectRef } : {}),
      source: first.source,
      ...(first.file !== undefined ? { file: first.file } : {}),
      status,
      suppressed,
    });
    const origin = first.source === "config" ? ` (${first.file ?? "config"})` : first.source === "annotation" ? " (annotation)" : "";
    const where =
      (first.scope !== undefined
        ? `${first.scope} (${addresses.length} resource(s))`
        : first.address !== undefined
          ? `${first.address}${first.objectRef !== undefined ? ` ${first.objectRef}` : ""}`
          : "the stack") + origin;
    const location = first.holder ? findingLocation(first.holder) : first.address !== undefined ? { address: first.address } : {};
    if (status === "invalid") {
      invalidFindings.push({
        ruleId: WAIVER_INVALID_ID,
        severity: "error",
        message: `${where}: ${first.problem as string}`,
        remediation: ENGINE_RULES[1].remediation,
        ...location,
      });
    } else if (status === "unused") {
      const missing = first.source === "config" && first.holder === undefined ? `; the stack has no resource ${first.address as string}` : "";
      unusedFindings.push({
        ruleId: WAIVER_UNUSED_ID,
        severity: "error",
        message: `${where}: the waiver of ${first.ruleId} ("${first.reason}") suppresses no finding${missing}`,
        remediation: ENGINE_RULES[2].remediation,
        ...location,
        ...(first.scope !== undefined ? { constructPath: first.scope } : {}),
      });
    }
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
    const configuration = [...new Set(ruleIds.flatMap((id) => configurationByRule.get(id) ?? []))];
    const noneApplies = ruleIds.every((id) => applicableByRule.get(id) === false);
    const status: CriterionStatus =
      open.length > 0
        ? "unmet"
        : ruleIds.length === 0
          ? "unchecked"
          : waived.length > 0
            ? "waived"
            : noneApplies
              ? "not-applicable"
              : "met";
    return {
      id: def.id, title: def.title, group: def.group, status, label: statusLabel(status), rules: ruleIds, evidence,
      ...(configuration.length > 0 ? { configuration } : {}),
      findings: open, waived,
    };
  });

  const open = all.filter((f) => f.waivedReason === undefined);
  const securityRules = ran.filter((r) => r.criterion === "security");
  const failingSecurity = new Set(open.filter((f) => f.criterion === "security").map((f) => f.ruleId));
  const scorecard: Scorecard = {
    mandatory: countGroup(criteria, "mandatory", MANDATORY_TOTAL),
    recommended: countGroup(criteria, "recommended", RECOMMENDED_TOTAL),
    security: {
      passed: securityRules.filter((r) => !failingSecurity.has(r.id) && applicableByRule.get(r.id) !== false).length,
      notApplicable: securityRules.filter((r) => !failingSecurity.has(r.id) && applicableByRule.get(r.id) === false).length,
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
    coverage,
    selection,
    ...(ctx.rendering !== undefined ? { rendering: ctx.rendering } : {}),
  };
}

/** The findings that fail the check: unwaived, at error severity. */
export function blockingFindings(result: ReadinessResult): ReportedFinding[] {
  return result.findings.filter((f) => f.severity === "error" && f.waivedReason === undefined);
}
