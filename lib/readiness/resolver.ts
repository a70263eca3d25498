/**
 * The one resolver of Terraform references in synthesized JSON. Rules never parse `${...}` themselves:
 * they call `ctx.resolve()` / `ctx.staticValue()`, which use the functions here.
 */
import { isRecord } from "./model/json";

/** A parsed `${type.name.attr...}` or `${data.type.name.attr...}` reference. */
export interface ParsedReference {
  /** "resource" for managed resources, "data" for data sources. */
  readonly mode: "resource" | "data";
  /** Resource type, e.g. `kubernetes_service_v1`. */
  readonly type: string;
  /** Resource name, e.g. `db`. */
  readonly name: string;
  /** Address: `type.name` or `data.type.name`. */
  readonly address: string;
  /** Attribute path after the name, indexes as strings: `metadata[0].name` → ["metadata", "0", "name"]. */
  readonly attribute: string[];
}

const IDENT = "[A-Za-z_][A-Za-z0-9_-]*";
const SEGMENT = `(?:\\.[A-Za-z0-9_-]+|\\[\\d+\\]|\\["[^"\\\\]*"\\])`;
const REFERENCE = new RegExp(`^\\$\\{\\s*(data\\.)?(${IDENT})\\.(${IDENT})(${SEGMENT}*)\\s*\\}$`);
const SEGMENT_GLOBAL = /\.([A-Za-z0-9_-]+)|\[(\d+)\]|\["([^"\\]*)"\]/g;

/** Prefixes of Terraform expressions that are never resource addresses. */
const NOT_RESOURCE_TYPES = new Set(["var", "local", "module", "each", "count", "path", "terraform", "self"]);

/**
 * Parse a string that is exactly one interpolation of a resource or data source attribute.
 * `${kubernetes_service_v1.db.metadata[0].name}`, `${kubernetes_service_v1.db.metadata.0.name}`,
 * `${data.kubernetes_namespace_v1.ns.metadata[0].name}`. Anything else (literals, `var.x`,
 * function calls, several interpolations in one string) gives undefined.
 */
export function parseReference(value: unknown): ParsedReference | undefined {
  if (typeof value !== "string" || value.length < 6 || !value.startsWith("${")) return undefined;
  const m = REFERENCE.exec(value);
  if (!m) return undefined;
  const isData = m[1] !== undefined;
  const type = m[2];
  const name = m[3];
  if (!isData && NOT_RESOURCE_TYPES.has(type)) return undefined;
  const attribute: string[] = [];
  const rest = m[4] ?? "";
  SEGMENT_GLOBAL.lastIndex = 0;
  let seg: RegExpExecArray | null;
  while ((seg = SEGMENT_GLOBAL.exec(rest)) !== null) {
    attribute.push(seg[1] ?? seg[2] ?? seg[3]);
  }
  return {
    mode: isData ? "data" : "resource",
    type,
    name,
    address: isData ? `data.${type}.${name}` : `${type}.${name}`,
    attribute,
  };
}

/** Whether a string contains any Terraform interpolation (`${`, not the `$${` escape). */
export function hasInterpolation(value: string): boolean {
  let i = value.indexOf("${");
  while (i !== -1) {
    if (i === 0 || value[i - 1] !== "$") return true;
    i = value.indexOf("${", i + 2);
  }
  return false;
}

/**
 * Walk an attribute path through a resource body. cdktf writes single nested blocks as objects while
 * references say `metadata[0].name`: an index 0 on an object is the object itself. Hand-written JSON
 * may write blocks as arrays: an index picks the element, and a name on a one-element array looks
 * into that element. Undefined when the path does not exist.
 */
export function walkAttribute(body: unknown, path: readonly string[]): unknown {
  let current: unknown = body;
  for (const segment of path) {
    if (current === undefined || current === null) return undefined;
    const isIndex = /^\d+$/.test(segment);
    if (Array.isArray(current)) {
      if (isIndex) current = current[Number(segment)];
      else if (current.length === 1 && isRecord(current[0])) current = current[0][segment];
      else return undefined;
    } else if (isRecord(current)) {
      if (isIndex) {
        if (segment === "0") continue;
        // A map keyed by digits is possible (e.g. labels); fall back to the key.
        current = Object.prototype.hasOwnProperty.call(current, segment) ? current[segment] : undefined;
      } else {
        current = Object.prototype.hasOwnProperty.call(current, segment) ? current[segment] : undefined;
      }
    } else {
      return undefined;
    }
  }
  return current;
}
