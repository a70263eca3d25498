/**
 * Helm values text readystack writes, remembered with the object it was written from. The constructs stringify
 * each values object to YAML for `helm_release.values`; the readiness model reads those releases back in the same
 * process at synth. Looking the exact text up here spares parsing YAML that readystack itself produced. Text that
 * was not written here (or has been forgotten) is parsed as usual, so the result never depends on the cache.
 */
import { parse, stringify } from "yaml";

/** How many texts are remembered; the oldest is forgotten first. A stack writes a handful. */
export const VALUES_CACHE_SIZE = 256;

const written = new Map<string, unknown>();

/**
 * YAML text of a Helm values object (what `yaml.stringify` gives), remembering the object for {@link parseValues}.
 * Only plain JSON data is remembered (strings, finite numbers, booleans, null, arrays, plain objects); anything else
 * is only stringified.
 */
export function helmValues(values: unknown): string {
  const text = stringify(values);
  const plain = plainCopy(values);
  if (plain !== NOT_PLAIN) {
    written.delete(text);
    written.set(text, plain);
    if (written.size > VALUES_CACHE_SIZE) written.delete(written.keys().next().value as string);
  }
  return text;
}

/**
 * The value a YAML text parses to (as `yaml.parse` gives it): a fresh copy of the remembered object when the text is
 * one {@link helmValues} wrote, otherwise `yaml.parse(text)` (which throws on invalid YAML, as usual).
 */
export function parseValues(text: string): unknown {
  const hit = written.get(text);
  if (hit !== undefined) return structuredClone(hit);
  return parse(text);
}

/** Whether {@link parseValues} would answer this text from memory rather than by parsing it. */
export function isRememberedValues(text: string): boolean {
  return written.has(text);
}

/** Forget every remembered text (tests). */
export function clearValuesCache(): void {
  written.clear();
}

const NOT_PLAIN = Symbol("not plain");

/** A deep copy as YAML would read it back, or NOT_PLAIN when the value holds anything but plain JSON data. */
function plainCopy(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0) ? value : NOT_PLAIN;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      // YAML writes an undefined list item as null.
      const copied = item === undefined ? null : plainCopy(item);
      if (copied === NOT_PLAIN) return NOT_PLAIN;
      out.push(copied);
    }
    return out;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue; // YAML leaves out a key whose value is undefined.
      const copied = plainCopy(v);
      if (copied === NOT_PLAIN) return NOT_PLAIN;
      out[k] = copied;
    }
    return out;
  }
  return NOT_PLAIN;
}
