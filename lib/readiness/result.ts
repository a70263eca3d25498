/**
 * What the readiness engine returns. Every report (console, JSON, Markdown, SARIF) is a pure function of
 * a {@link ReadinessResult}.
 */
import type { RenderingReport } from "./model/rendering";
import type { CriterionId, Finding, FindingSeverity, RuleLevel } from "./types";

/** A rule as listed in reports (the rule definition without its check function). */
export interface RuleSummary {
  /** Rule id. */
  readonly id: string;
  /** Criterion the rule serves; undefined for the engine's own rules (waivers, rule errors). */
  readonly criterion?: CriterionId;
  /** Rule level. Engine rules are "mandatory". */
  readonly level: RuleLevel;
  /** Severity findings of this rule get under this run's strictness. */
  readonly severity: FindingSeverity;
  /** One line: what must hold. */
  readonly title: string;
  /** Why it matters. */
  readonly rationale: string;
  /** How to fix a finding. */
  readonly remediation: string;
  /** Whether the rule is one of the engine's own (waiver checks, rule errors). */
  readonly engine: boolean;
}

/** A finding as reported: the rule's finding plus severity, criterion, location and waiver. */
export interface ReportedFinding extends Finding {
  /** Severity after strictness. */
  readonly severity: FindingSeverity;
  /** Criterion of the rule; undefined for waiver findings. */
  readonly criterion?: CriterionId;
  /** What to change (the finding's own remediation, else the rule's). */
  readonly remediation: string;
  /** 1-based line of the resource in cdk.tf.json, when known. */
  readonly line?: number;
  /** The reason of the waiver that suppresses this finding, when waived. */
  readonly waivedReason?: string;
}

/** How a criterion stands. `unchecked`: no rule for it ran. */
export type CriterionStatus = "met" | "unmet" | "waived" | "unchecked";

/** One criterion of the scorecard. */
export interface CriterionResult {
  /** Criterion id. */
  readonly id: CriterionId;
  /** Human title, e.g. "Stack starts cleanly". */
  readonly title: string;
  /** mandatory criteria fail synth; recommended warn; security rules come on top. */
  readonly group: "mandatory" | "recommended" | "security";
  /** met: every rule passed; waived: only waived findings; unmet: an unwaived finding. */
  readonly status: CriterionStatus;
  /** Ids of the rules that serve the criterion. */
  readonly rules: readonly string[];
  /** Addresses of the resources that show the criterion is met. */
  readonly evidence: readonly string[];
  /** Unwaived findings of the criterion's rules. */
  readonly findings: readonly ReportedFinding[];
  /** Waived findings of the criterion's rules. */
  readonly waived: readonly ReportedFinding[];
}

/** A waiver found in the JSON and what became of it (copies of one construct-level waiver count once). */
export interface WaiverRecord {
  /** Rule id the waiver names. */
  readonly ruleId: string;
  /** The reason given. */
  readonly reason: string;
  /** Construct path where the waiver was given, when recorded by `Readiness.waive`. */
  readonly scope?: string;
  /** Addresses of the resources carrying the waiver; empty for a stack-level waiver. */
  readonly addresses: readonly string[];
  /** applied: it suppressed at least one finding; unused: it matched none; invalid: rejected. */
  readonly status: "applied" | "unused" | "invalid";
  /** How many findings it suppressed. */
  readonly suppressed: number;
}

/** One entry of the build-artifact inventory. */
export interface InventoryItem {
  /** A container image of a workload, or a Helm chart of a release. */
  readonly kind: "image" | "chart";
  /** Address of the workload or release. */
  readonly address: string;
  /** Construct path, when known. */
  readonly constructPath?: string;
  /** Container name (images only). */
  readonly container?: string;
  /** Whether it is an init container (images only). */
  readonly init?: boolean;
  /** The full reference: image text, or `repository/chart` for a chart. Undefined when not statically known. */
  readonly reference?: string;
  /** Image repository or chart name. */
  readonly name?: string;
  /** Image tag or chart version. */
  readonly tag?: string;
  /** Image digest (`sha256:...`). */
  readonly digest?: string;
  /** Helm repository URL (charts only). */
  readonly repository?: string;
  /** Pinned: image with a digest or a tag other than `latest`; chart with an exact version. */
  readonly pinned: boolean;
}

/** Counts for the one-line verdict. */
export interface Scorecard {
  /** Mandatory criteria (startup .. config-documented). */
  readonly mandatory: CriterionCount;
  /** Recommended criteria (terraform-configured .. log-aggregation). */
  readonly recommended: CriterionCount;
  /** Security rules: how many rules passed (no unwaived finding) of how many ran. */
  readonly security: { readonly passed: number; readonly total: number; readonly findings: number };
  /** Unwaived findings at error severity. */
  readonly errors: number;
  /** Unwaived findings at warning severity. */
  readonly warnings: number;
  /** Waived findings. */
  readonly waived: number;
}

/** Criteria counts of one group. */
export interface CriterionCount {
  /** Criteria with status met. */
  readonly met: number;
  /** Criteria with status waived. */
  readonly waived: number;
  /** Criteria with status unmet. */
  readonly unmet: number;
  /** Criteria with status unchecked (no rule ran). */
  readonly unchecked: number;
  /** Criteria in the group (6 mandatory, 5 recommended). */
  readonly total: number;
}

/** The verdict of one readiness check over one Terraform JSON document. */
export interface ReadinessResult {
  /** Tool name and version. */
  readonly generator: { readonly name: "readystack"; readonly version: string };
  /** Stack name (from cdktf's `//.metadata.stackName`, or given). */
  readonly stack?: string;
  /** Path of the checked cdk.tf.json relative to the project root, when known (SARIF artifact URI). */
  readonly artifact?: string;
  /** Whether recommended rules counted as errors. */
  readonly strict: boolean;
  /** No unwaived error-severity finding. */
  readonly passed: boolean;
  /** The counts. */
  readonly scorecard: Scorecard;
  /** Every rule that ran, plus the engine's own rules, in a stable order. */
  readonly rules: readonly RuleSummary[];
  /** The 11 criteria plus security, in the seed's order. */
  readonly criteria: readonly CriterionResult[];
  /** Every finding, waived ones included (they carry `waivedReason`). */
  readonly findings: readonly ReportedFinding[];
  /** Every waiver found in the JSON. */
  readonly waivers: readonly WaiverRecord[];
  /** Container images and Helm charts. */
  readonly inventory: readonly InventoryItem[];
  /**
   * What the deploy rehearsal rendered, when the check ran with rendering.
   * @default absent: rendering was not requested
   */
  readonly rendering?: RenderingReport;
}
