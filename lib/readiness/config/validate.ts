/**
 * Strict validation of the readiness config: an unknown key, an unknown rule id, a bad option value or a short
 * waiver reason is one clear error naming the field, the bad value and what is accepted.
 */
import { describeValue } from "../../errors";
import { MIN_WAIVER_REASON } from "../engine";
import { PACK_NAMES, isPack } from "../packs";
import type { Rule, RuleOptionSpec, RuleOptionValue } from "../types";
import type { ConfigWaiver, ReadinessConfig, RoleSelector, RoleSelectors } from "./types";

/** A config the engine cannot use: names the file, the field, the bad value and what is accepted. */
export class ReadinessConfigError extends Error {
  /** Where the config came from (a file name, or "readiness config"). */
  public readonly source: string;
  /** The field, dotted (e.g. `waivers[0].reason`). */
  public readonly field: string;
  /** The rejected value. */
  public readonly value: unknown;
  /** What would have been accepted. */
  public readonly accepted: string;

  constructor(source: string, field: string, value: unknown, accepted: string) {
    super(`${source}: invalid ${field} ${describeValue(value)}; expected ${accepted}`);
    this.name = "ReadinessConfigError";
    this.source = source;
    this.field = field;
    this.value = value;
    this.accepted = accepted;
  }
}

const TOP_KEYS = ["pack", "only", "skip", "options", "roles", "waivers"] as const;
const ROLE_KEYS = ["api"] as const;
const SELECTOR_KEYS = ["labels", "names"] as const;
const WAIVER_KEYS = ["ruleId", "address", "objectRef", "reason"] as const;
const ADDRESS = /^(data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function oneOf(list: readonly string[]): string {
  return list.length <= 12 ? `one of ${list.join(", ")}` : `one of ${list.slice(0, 12).join(", ")}, ... (${list.length} in all)`;
}

/** Validates one config document against the rules that exist. */
class Validator {
  constructor(
    private readonly source: string,
    private readonly rules: readonly Rule[],
  ) {}

  fail(field: string, value: unknown, accepted: string): never {
    throw new ReadinessConfigError(this.source, field, value, accepted);
  }

  keys(value: Record<string, unknown>, field: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail(field === "" ? `key ${JSON.stringify(key)}` : `key ${field}.${key}`, value[key], `only the keys ${allowed.join(", ")}`);
    }
  }

  ruleId(value: unknown, field: string): string {
    const ids = this.rules.map((r) => r.id);
    if (typeof value !== "string" || !ids.includes(value)) this.fail(field, value, `a rule id, ${oneOf(ids)}`);
    return value;
  }

  ruleIds(value: unknown, field: string): string[] {
    if (!Array.isArray(value)) this.fail(field, value, "a list of rule ids");
    return value.map((v, i) => this.ruleId(v, `${field}[${i}]`));
  }

  optionValue(spec: RuleOptionSpec, value: unknown, field: string): RuleOptionValue {
    switch (spec.type) {
      case "boolean":
        if (typeof value !== "boolean") this.fail(field, value, "true or false");
        return value;
      case "string":
        if (typeof value !== "string") this.fail(field, value, "a string");
        return value;
      case "string-list":
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) this.fail(field, value, "a list of strings");
        return value as string[];
      case "number":
      case "integer": {
        const min = spec.minimum !== undefined ? ` of at least ${spec.minimum}` : "";
        const what = spec.type === "integer" ? `an integer${min}` : `a number${min}`;
        if (typeof value !== "number" || !Number.isFinite(value)) this.fail(field, value, what);
        if (spec.type === "integer" && !Number.isInteger(value)) this.fail(field, value, what);
        if (spec.minimum !== undefined && value < spec.minimum) this.fail(field, value, what);
        return value;
      }
    }
  }

  options(value: unknown): Record<string, Record<string, RuleOptionValue>> {
    if (!isRecord(value)) this.fail("options", value, "an object of rule id → { option: value }");
    const out: Record<string, Record<string, RuleOptionValue>> = {};
    for (const [id, given] of Object.entries(value)) {
      this.ruleId(id, `options key`);
      const rule = this.rules.find((r) => r.id === id) as Rule;
      const specs = rule.options ?? {};
      const names = Object.keys(specs);
      if (!isRecord(given)) this.fail(`options.${id}`, given, names.length > 0 ? `an object with ${oneOf(names)}` : "nothing: the rule has no options");
      out[id] = {};
      for (const [name, v] of Object.entries(given)) {
        const spec = specs[name];
        if (spec === undefined) {
          this.fail(`options.${id}.${name}`, v, names.length > 0 ? `an option of ${id}: ${oneOf(names)}` : `no option: ${id} has none`);
        }
        out[id][name] = this.optionValue(spec, v, `options.${id}.${name}`);
      }
    }
    return out;
  }

  selector(value: unknown, field: string): RoleSelector {
    if (!isRecord(value)) this.fail(field, value, "an object with labels and/or names");
    this.keys(value, field, SELECTOR_KEYS);
    const out: { labels?: Record<string, string>; names?: string[] } = {};
    if (value.labels !== undefined) {
      const labels = value.labels;
      if (!isRecord(labels) || !Object.values(labels).every((v) => typeof v === "string")) {
        this.fail(`${field}.labels`, labels, "an object of label → string value");
      }
      out.labels = labels as Record<string, string>;
    }
    if (value.names !== undefined) {
      const names = value.names;
      if (!Array.isArray(names) || names.length === 0 || !names.every((v) => typeof v === "string" && v !== "")) {
        this.fail(`${field}.names`, names, "a non-empty list of workload names");
      }
      out.names = names as string[];
    }
    if (out.labels === undefined && out.names === undefined) this.fail(field, value, "labels and/or names");
    return out;
  }

  roles(value: unknown): RoleSelectors {
    if (!isRecord(value)) this.fail("roles", value, `an object with ${ROLE_KEYS.join(", ")}`);
    this.keys(value, "roles", ROLE_KEYS);
    return value.api !== undefined ? { api: this.selector(value.api, "roles.api") } : {};
  }

  waivers(value: unknown): ConfigWaiver[] {
    if (!Array.isArray(value)) this.fail("waivers", value, "a list of { ruleId, address, reason, objectRef? }");
    return value.map((w, i) => {
      const field = `waivers[${i}]`;
      if (!isRecord(w)) this.fail(field, w, "an object { ruleId, address, reason, objectRef? }");
      this.keys(w, field, WAIVER_KEYS);
      const ruleId = this.ruleId(w.ruleId, `${field}.ruleId`);
      if (typeof w.address !== "string" || !ADDRESS.test(w.address)) {
        this.fail(`${field}.address`, w.address, "a Terraform resource address such as kubernetes_deployment_v1.api");
      }
      if (typeof w.reason !== "string" || w.reason.trim().length < MIN_WAIVER_REASON) {
        this.fail(`${field}.reason`, w.reason, `a reason of at least ${MIN_WAIVER_REASON} characters`);
      }
      if (w.objectRef !== undefined && (typeof w.objectRef !== "string" || !/^[A-Za-z][A-Za-z0-9]*\/[^/\s]+(\/[^/\s]+)?$/.test(w.objectRef))) {
        this.fail(`${field}.objectRef`, w.objectRef, "Kind/namespace/name or Kind/name, e.g. Deployment/web/api");
      }
      return {
        ruleId,
        address: w.address,
        reason: w.reason,
        ...(typeof w.objectRef === "string" ? { objectRef: w.objectRef } : {}),
      };
    });
  }

  config(doc: unknown): ReadinessConfig {
    if (doc === null || doc === undefined) return {};
    if (!isRecord(doc)) this.fail("document", doc, "an object with the keys " + TOP_KEYS.join(", "));
    this.keys(doc, "", TOP_KEYS);
    if (doc.pack !== undefined && !isPack(doc.pack)) this.fail("pack", doc.pack, oneOf(PACK_NAMES));
    return {
      ...(doc.pack !== undefined ? { pack: doc.pack as ReadinessConfig["pack"] } : {}),
      ...(doc.only !== undefined ? { only: this.ruleIds(doc.only, "only") } : {}),
      ...(doc.skip !== undefined ? { skip: this.ruleIds(doc.skip, "skip") } : {}),
      ...(doc.options !== undefined ? { options: this.options(doc.options) } : {}),
      ...(doc.roles !== undefined ? { roles: this.roles(doc.roles) } : {}),
      ...(doc.waivers !== undefined ? { waivers: this.waivers(doc.waivers) } : {}),
    };
  }
}

/**
 * Validate a parsed config document against the rules that exist.
 * @param source the file name (or "readiness config"), for messages
 * @throws ReadinessConfigError on the first problem
 */
export function validateConfig(doc: unknown, rules: readonly Rule[], source = "readiness config"): ReadinessConfig {
  return new Validator(source, rules).config(doc);
}
