/**
 * JSON helpers shared by the whole readiness code: ONE `isRecord`, block/list readers that accept both the way cdktf
 * writes nested blocks (objects) and the way hand-written JSON often does (arrays of one object), YAML parsing and
 * tree walks. Nothing here knows about Terraform or Kubernetes.
 */
import { parseValues as parseYaml } from "../../k8s/values-cache";
import type { RuleContext } from "../types";

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain object (not an array, not null). */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A block or list of blocks as a list: undefined → [], array → itself, anything else → [value]. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The objects of a block list (non-objects dropped). */
export function records(value: unknown): JsonObject[] {
  return asList(value).filter(isRecord);
}

/** A single nested block, whether written as an object or as an array of one object. */
export function first(value: unknown): JsonObject | undefined {
  if (Array.isArray(value)) return value.find(isRecord);
  return isRecord(value) ? value : undefined;
}

/** Walk nested single blocks by key: `block(obj, "spec", "template", "spec")`. */
export function block(value: unknown, ...keys: string[]): JsonObject | undefined {
  let current = first(value);
  for (const key of keys) {
    if (!current) return undefined;
    current = first(current[key]);
  }
  return current;
}

/** A scalar as a string (numbers and booleans stringified); undefined otherwise. */
export function scalarString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Whether a JSON value is `true` (or the string "true"). */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** Whether a JSON value is `false` (or the string "false"). */
export function isFalse(value: unknown): boolean {
  return value === false || value === "false";
}

/** The statically known value of something as a string (references followed), or undefined. */
export function staticString(ctx: RuleContext, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return scalarString(ctx.staticValue(value));
}

/** A string map (labels, annotations, selectors, ConfigMap data) with references followed where static. */
export function stringMap(ctx: RuleContext, value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const obj = first(value);
  if (!obj) return out;
  for (const [k, v] of Object.entries(obj)) {
    const s = staticString(ctx, v) ?? scalarString(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** Unique strings in first-seen order. */
export function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** A value inside nested objects by key path (single blocks as arrays are looked through). */
export function valueAt(root: unknown, ...path: string[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    const obj = first(cur);
    if (!obj) return undefined;
    cur = obj[key];
  }
  return cur;
}

/** Visit every value of a nested JSON/YAML tree (objects and arrays), with the key it sits under. */
export function walkTree(root: unknown, visit: (key: string | undefined, value: unknown, path: string) => void): void {
  const stack: { key: string | undefined; value: unknown; path: string }[] = [{ key: undefined, value: root, path: "" }];
  while (stack.length > 0) {
    const { key, value, path } = stack.pop() as { key: string | undefined; value: unknown; path: string };
    visit(key, value, path);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ key, value: value[i], path: `${path}[${i}]` });
    } else if (isRecord(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i];
        stack.push({ key: k, value: v, path: path === "" ? k : `${path}.${k}` });
      }
    }
  }
}

/** Parse a string as YAML when it looks like a document; undefined when it does not parse to a map/list. */
export function tryParseYaml(text: string): unknown {
  if (!/[:\n-]/.test(text)) return undefined;
  try {
    const parsed: unknown = parseYaml(text);
    return isRecord(parsed) || Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Show a JSON value in a message: `unset` for undefined. */
export function shown(value: unknown): string {
  return value === undefined ? "unset" : JSON.stringify(value);
}

const memo = new WeakMap<RuleContext, Map<string, unknown>>();

/** A value computed once per rule context (rules of one check run share it). */
export function memoized<T>(ctx: RuleContext, key: string, compute: () => T): T {
  let cache = memo.get(ctx);
  if (!cache) {
    cache = new Map();
    memo.set(ctx, cache);
  }
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}
