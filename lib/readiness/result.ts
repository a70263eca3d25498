/**
 * What the readiness engine returns. Every report (console, JSON, Markdown, SARIF) is a pure function of
 * a {@link ReadinessResult}.
 */
import type { RenderingReport } from "./model/rendering";
import type { CriterionId, Finding, FindingSeverity, NotAnalysedItem, RuleLevel, RulePack } from "./types";

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
  /**
   * The packs the rule belongs to.
   * @default none (the engine's own rules)
   */
  readonly packs?: readonly RulePack[];
  /**
   * Whether the stack had the rule's component in this run.
   * @default undefined for the engine's own rules and for rules that failed to run
   */
  readonly applicable?: boolean;
}

/** A finding as reported: the rule's finding plus severity, criterion, location and waiver. */
export interface ReportedFinding extends Finding {
  /** Severity after strictness. */
  readonly severity: FindingSeverity;
  /** Criterion of the rule; undefined for waiver findings. */
  readonly criterion?: CriterionId;
  /** What to change (the finding's own remediation, else the rule's). */
  readonly remediation: string;
  /** 1-based line of the resource in cdk.tf.json (or in `artifact`), when known. */
  readonly line?: number;
  /**
   * The file the resource is written in, when the configuration is several files (Terraform HCL).
   * @default undefined: the result's `artifact`
   */
  readonly artifact?: string;
  /** The reason of the waiver that suppresses this finding, when waived. */
  readonly waivedReason?: string;
  /**
   * Where that waiver was written (see {@link WaiverRecord.source}).
   * @default undefined when not waived
   */
  readonly waiverSource?: "code" | "config" | "annotation";
}

/**
 * How a criterion stands. `unchecked`: no rule for it ran (not in the selected rules). `not-applicable`: its rules
 * ran and the stack has none of the component (no Redis, no Ingress): shown as "n/a", never counted as met.
 */
export type CriterionStatus = "met" | "unmet" | "waived" | "unchecked" | "not-applicable";

/** How reports print a status: "n/a" for not-applicable, the status itself otherwise. */
export function statusLabel(status: CriterionStatus): string {
  return status === "not-applicable" ? "n/a" : status;
}

/** One criterion of the scorecard. */
export interface CriterionResult {
  /** Criterion id. */
  readonly id: CriterionId;
  /** Human title, e.g. "Stack starts cleanly". */
  readonly title: string;
  /** mandatory criteria fail synth; recommended warn; security rules come on top. */
  readonly group: "mandatory" | "recommended" | "security";
  /** met: every rule passed; waived: only waived findings; unmet: an unwaived finding; not-applicable: no such component. */
  readonly status: CriterionStatus;
  /** The status as reports print it ("n/a" for not-applicable). */
  readonly label: string;
  /** Ids of the rules that serve the criterion. */
  readonly rules: readonly string[];
  /** Addresses of the resources that show the criterion is met. */
  readonly evidence: readonly string[];
  /**
   * Configuration facts the criterion's rules report beside the evidence (what is set up, not that a run succeeded).
   * @default absent: no rule of the criterion reported one
   */
  readonly configuration?: readonly string[];
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
  /**
   * The one object the waiver covers (`Kind/namespace/name`).
   * @default every object of its resources
   */
  readonly objectRef?: string;
  /**
   * Where it was written: `code` (`Readiness.waive`, the resource's `//.readystack.waivers`), `config` (the config
   * file's `waivers`), `annotation` (a `readystack.io/waive.<RULE-ID>` annotation or label on the object).
   */
  readonly source: "code" | "config" | "annotation";
  /**
   * The config file, for `config` waivers.
   * @default none
   */
  readonly file?: string;
  /**
   * applied: it suppressed at least one finding; unused: it matched none (an error); invalid: rejected;
   * not-run: its rule was not selected in this run (pack, only, skip), so it was not checked.
   */
  readonly status: "applied" | "unused" | "invalid" | "not-run";
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
  /**
   * Security rules: how many passed (applicable, no unwaived finding), how many had nothing to check (n/a), of how
   * many ran, and their unwaived findings.
   */
  readonly security: { readonly passed: number; readonly notApplicable: number; readonly total: number; readonly findings: number };
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
  /** Criteria with status not-applicable (the stack has none of the component). */
  readonly notApplicable: number;
  /** Ids of the not-applicable criteria. */
  readonly notApplicableCriteria: readonly CriterionId[];
  /** Criteria that count: total minus not-applicable (unchecked ones count, as not met). "mandatory 4/4" reads met/applicable. */
  readonly applicable: number;
  /** Criteria in the group (6 mandatory, 5 recommended). */
  readonly total: number;
}

/** What the rules could read, and each thing they could not. */
export interface CoverageReport {
  /** Resources the rules read (kubernetes, helm and random provider resources of known types). */
  readonly resources: number;
  /** Those resources by type. */
  readonly resourcesByType: Readonly<Record<string, number>>;
  /** Kubernetes objects in the model (from kubernetes_* resources, manifests, helm values and renders). */
  readonly objects: number;
  /** Those objects by kind. */
  readonly objectsByKind: Readonly<Record<string, number>>;
  /** Each resource or object not analysed, with the reason: module calls, unknown types, unresolved helm values. */
  readonly notAnalysed: readonly NotAnalysedItem[];
  /** Resources of other providers (not Kubernetes), counted by provider (`aws`: 12): out of scope, not analysed. */
  readonly otherProviders: Readonly<Record<string, number>>;
  /** Whether nothing could be analysed (no Kubernetes resource or object): the check fails. */
  readonly nothingAnalysed: boolean;
}

/** Which rules ran and why. */
export interface RunSelection {
  /**
   * The pack whose rules ran.
   * @default undefined: every given rule ran (an explicit rule list)
   */
  readonly pack?: RulePack;
  /** Whether the pack was chosen from the stack (readystack facts present or not) rather than named. */
  readonly packDetected: boolean;
  /**
   * The `only` list.
   * @default none
   */
  readonly only?: readonly string[];
  /**
   * The `skip` list.
   * @default none
   */
  readonly skip?: readonly string[];
  /**
   * The config file the run used.
   * @default none
   */
  readonly config?: string;
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
  /** The 11 criteria plus security, in scorecard order. */
  readonly criteria: readonly CriterionResult[];
  /** Every finding, waived ones included (they carry `waivedReason`). */
  readonly findings: readonly ReportedFinding[];
  /** Every waiver: in the JSON, in the config file, and in object annotations. */
  readonly waivers: readonly WaiverRecord[];
  /** Container images and Helm charts. */
  readonly inventory: readonly InventoryItem[];
  /** What was analysed and what was not. */
  readonly coverage: CoverageReport;
  /** Pack, only/skip and config of the run. */
  readonly selection: RunSelection;
  /**
   * What the deploy rehearsal rendered, when the check ran with rendering.
   * @default absent: rendering was not requested
   */
  readonly rendering?: RenderingReport;
}
