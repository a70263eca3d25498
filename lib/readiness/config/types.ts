/** The readiness config file (`--config FILE`, `Readiness.check(stack, { config })`): JSON or YAML. */
import type { RuleOptionValue, RulePack } from "../types";

// One definition of the role selectors: the rule model's, which the config file feeds.
import type { RoleSelectors } from "../model/roles";
export type { RoleSelector, RoleSelectors } from "../model/roles";

/** A waiver written in the config file: a rule on one resource (optionally one object of it). */
export interface ConfigWaiver {
  /** Rule id, e.g. `RS-HPA-MIN-REPLICAS`. */
  readonly ruleId: string;
  /** Terraform address of the resource, e.g. `kubernetes_deployment_v1.api`. */
  readonly address: string;
  /**
   * One object inside the resource (`Kind/namespace/name`).
   * @default every object of the resource
   */
  readonly objectRef?: string;
  /** Why (at least 10 characters). */
  readonly reason: string;
}

/** The readiness config. Every field is optional; unknown fields are rejected. */
export interface ReadinessConfig {
  /**
   * The rule pack.
   * @default readystack for stacks built with readystack, kubernetes otherwise
   */
  readonly pack?: RulePack;
  /**
   * Only these rules run.
   * @default every rule of the pack
   */
  readonly only?: readonly string[];
  /**
   * These rules do not run.
   * @default none
   */
  readonly skip?: readonly string[];
  /**
   * Rule options by rule id, e.g. `{ "RS-HPA-MIN-REPLICAS": { "minReplicas": 3 } }`.
   * @default each option's default
   */
  readonly options?: Readonly<Record<string, Readonly<Record<string, RuleOptionValue>>>>;
  /**
   * Role selectors for stacks not built with readystack.
   * @default roles from readystack's metadata and conventional names
   */
  readonly roles?: RoleSelectors;
  /**
   * Waivers by rule id and resource address.
   * @default none
   */
  readonly waivers?: readonly ConfigWaiver[];
}

/** A config with where it was read from (reports name the file as the source of its waivers). */
export interface LoadedConfig {
  /** The validated config. */
  readonly config: ReadinessConfig;
  /**
   * The file it came from (as given), for reports.
   * @default "readiness config" (a config object given in code)
   */
  readonly source?: string;
}
