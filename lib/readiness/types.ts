/**
 * The readiness engine's vocabulary. Rules read only the synthesized Terraform JSON (through a
 * {@link RuleContext}); they never touch constructs. See docs/ARCHITECTURE.md.
 */

import type { ModelObject } from "./model/object";
import type { RenderingReport } from "./model/rendering";
import type { RoleSelectors } from "./model/roles";

/** The 11 readiness criteria plus the security rules that come on top. */
export type CriterionId =
  | "startup"
  | "migrations"
  | "redis"
  | "json-logging"
  | "artifacts-pinned"
  | "config-documented"
  | "terraform-configured"
  | "https-ingress"
  | "autoscaling"
  | "backups-validated"
  | "log-aggregation"
  | "security"
  | "workload-hygiene";

/**
 * A named set of rules, as cdk-nag has packs. `readystack`: the 11 criteria plus security (ReadyStack's default).
 * `kubernetes`: generic workload hygiene for any stack (the CLI's default for stacks not built with readystack).
 */
export type RulePack = "readystack" | "kubernetes";

/** mandatory: an unmet rule fails synth. recommended: a warning, an error under `strict`. */
export type RuleLevel = "mandatory" | "recommended";

/** Severity of a finding once strictness is applied. */
export type FindingSeverity = "error" | "warning";

/** Terraform JSON as cdktf writes it (cdk.tf.json), or as a person writes it by hand. */
export interface TerraformJson {
  readonly "//"?: Record<string, unknown>;
  readonly terraform?: Record<string, unknown>;
  readonly provider?: Record<string, unknown>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, Record<string, unknown>>;
  readonly variable?: Record<string, Record<string, unknown>>;
  readonly locals?: Record<string, unknown>;
  readonly module?: Record<string, Record<string, unknown>>;
}

/** A waiver recorded in a resource's `//.readystack.waivers`. */
export interface Waiver {
  /** Rule id, e.g. `RS-EOL-COMPONENT`. */
  readonly ruleId: string;
  /** Why the rule does not apply here (at least 10 characters). */
  readonly reason: string;
  /**
   * Construct path where the waiver was given (`Readiness.waive(construct, ...)`). A waiver given on a
   * construct is copied onto every resource below it; the copies with the same scope count as one waiver
   * (used when any copy suppresses a finding).
   * @default the resource that carries it
   */
  readonly scope?: string;
  /**
   * One object inside the resource (`Kind/namespace/name`, e.g. an object a `helm_release` chart renders):
   * the waiver then covers findings on that object only.
   * @default every object of the resource
   */
  readonly objectRef?: string;
}

/** One resource of the Terraform JSON. */
export interface ResourceView {
  /** Resource type, e.g. `kubernetes_deployment_v1`. */
  readonly type: string;
  /** Resource name (the cdktf logical id), e.g. `api_deployment_1A2B3C`. */
  readonly name: string;
  /** Terraform address: `type.name`. */
  readonly address: string;
  /** The resource body as written (`//` metadata included). */
  readonly body: Record<string, unknown>;
  /** cdktf construct path from `//.metadata.path`, when synthesized by cdktf. */
  readonly constructPath?: string;
  /** readystack facts from `//.readystack` (waivers, env documentation, component info). */
  readonly readystack: Record<string, unknown>;
  /** 1-based line of the resource's key in the pretty-printed cdk.tf.json, when known. */
  readonly line?: number;
}

/** Where a `${...}` reference points. */
export interface ResolvedReference {
  /** The referenced resource. */
  readonly resource: ResourceView;
  /** Attribute path after `type.name`, e.g. `["metadata", "0", "name"]`. */
  readonly attribute: string[];
  /** The referenced attribute's value in the JSON when it is statically known (e.g. a literal metadata name). */
  readonly value?: unknown;
}

/** What rules can ask of the stack under check. */
export interface RuleContext {
  /** The whole Terraform JSON. */
  readonly json: TerraformJson;
  /** Every resource, in document order. */
  readonly resources: readonly ResourceView[];
  /** Resources of one type (e.g. `kubernetes_deployment_v1`), in document order. */
  byType(type: string): readonly ResourceView[];
  /** A resource by address `type.name`. */
  get(address: string): ResourceView | undefined;
  /**
   * Resolve a string that is (or contains, as its whole value) a `${type.name.attr...}` reference.
   * Returns undefined for literals and for references to things not in the JSON.
   */
  resolve(value: unknown): ResolvedReference | undefined;
  /**
   * The statically known value of a string: a literal stays itself; a reference to a literal
   * attribute of another resource (e.g. `${kubernetes_service_v1.db.metadata[0].name}` → "db")
   * is followed. Undefined when not statically known.
   */
  staticValue(value: unknown): unknown;
  /** Whether the check runs with `strict` (recommended rules as errors). */
  readonly strict: boolean;
  /**
   * Every Kubernetes object the stack would apply, in the API's camelCase shape, in document order
   * (see lib/readiness/model/object.ts).
   */
  readonly objects: readonly ModelObject[];
  /** The objects of one kind (e.g. `Deployment`), in document order. */
  objectsOfKind(kind: string): readonly ModelObject[];
  /**
   * What the rehearsal rendered, when the check ran with rendering.
   * @default undefined: rendering was not requested
   */
  readonly rendering?: RenderingReport;
  /**
   * How the user marks workloads of a role the rules know (the API), on top of readystack's own marks.
   * @default readystack's marks only (`//.readystack.component` or the `app.kubernetes.io/component` label)
   */
  readonly roles?: RoleSelectors;
  /**
   * The resolved options of a rule (config values over the defaults of `Rule.options`); empty for a rule
   * without options or when the context was built without them (use `ruleOptions(ctx, rule)` for defaults).
   */
  options(ruleId: string): Readonly<Record<string, RuleOptionValue>>;
  /**
   * What the normalizers could not read (helm values that do not resolve, objects of unknown shape); the
   * coverage section of every report names each one.
   * @default none
   */
  readonly notAnalysed?: readonly NotAnalysedItem[];
}

/** A problem one rule found. */
export interface Finding {
  /** Rule id. */
  readonly ruleId: string;
  /** What is wrong, in a sentence, naming the resource and the value. */
  readonly message: string;
  /** Terraform address of the resource at fault, when there is one. */
  readonly address?: string;
  /** Construct path of the resource at fault, when known. */
  readonly constructPath?: string;
  /** The object inside the resource at fault (`Kind/namespace/name`), for objects of a `helm_release`. */
  readonly objectRef?: string;
  /** What to change. Defaults to the rule's remediation. */
  readonly remediation?: string;
}

/** A rule's answer: what is wrong, and what shows the criterion is met. */
export interface RuleOutcome {
  /** Problems; empty when the rule passes. */
  readonly findings: readonly Omit<Finding, "ruleId">[];
  /** Addresses of the resources that satisfy the rule (shown in the scorecard as evidence). */
  readonly evidence: readonly string[];
  /**
   * Facts of the configuration that back the evidence, in words (e.g. where an off-site copy goes): what the stack
   * sets up, never a claim that a run succeeded. Reports show them under the criterion, apart from the evidence.
   * @default none
   */
  readonly configuration?: readonly string[];
  /**
   * Whether the stack has the rule's component at all (false: no Redis for a Redis rule). A criterion whose
   * rules are all not applicable is "n/a", never met.
   * @default true when the rule returned findings or evidence, false when it returned neither
   */
  readonly applicable?: boolean;
}

/** The type of a rule option's value. */
export type RuleOptionType = "number" | "integer" | "string" | "boolean" | "string-list";

/** A rule option's value. */
export type RuleOptionValue = number | string | boolean | readonly string[];

/** One option a rule accepts (a threshold, a list of allowed values), set in the readiness config file. */
export interface RuleOptionSpec {
  /** The value's type. */
  readonly type: RuleOptionType;
  /** The value when the config does not set it. */
  readonly default: RuleOptionValue;
  /** One line: what the option changes. */
  readonly description: string;
  /**
   * Smallest accepted value (number and integer options).
   * @default no lower bound
   */
  readonly minimum?: number;
}

/** A resource (or one object of it) the readiness rules could not read, and why. */
export interface NotAnalysedItem {
  /** Terraform address (`module.vpc`, `helm_release.loki`, `kubernetes_foo_v1.x`). */
  readonly address: string;
  /**
   * The object inside the resource (`Kind/namespace/name`).
   * @default the whole resource
   */
  readonly objectRef?: string;
  /** Why it was not analysed, e.g. "module calls are not followed". */
  readonly reason: string;
}

/** One readiness rule (one file each under lib/readiness/rules). */
export interface Rule {
  /** Stable id, e.g. `RS-HPA-REPLICAS`. */
  readonly id: string;
  /** The criterion this rule serves. */
  readonly criterion: CriterionId;
  /** mandatory fails synth; recommended warns (errors under strict). */
  readonly level: RuleLevel;
  /**
   * The packs the rule belongs to.
   * @default ["readystack", "kubernetes"] for security and workload-hygiene rules, ["readystack"] otherwise
   */
  readonly packs?: readonly RulePack[];
  /** One line: what must hold. */
  readonly title: string;
  /** Why it matters in production. */
  readonly rationale: string;
  /** How to fix a finding, in general terms. */
  readonly remediation: string;
  /**
   * The options the rule accepts, by name (set per rule in the readiness config's `options`); the rule reads the
   * resolved values with `ctx.options(rule.id)`.
   * @default no options
   */
  readonly options?: Readonly<Record<string, RuleOptionSpec>>;
  /** Evaluate the rule. Must be linear in the number of resources (index by type/labels, never all-pairs). */
  check(ctx: RuleContext): RuleOutcome;
}
