/**
 * Unknown fields, found with the schema's own validator. The `kubernetes-models` validators are compiled ajv code
 * (no JSON schema to read), and they accept fields the schema does not declare. But a compiled validator reads every
 * property its schema declares (`data.apiVersion === undefined || ...`), and it enumerates the keys of a map
 * (`additionalProperties`: labels, annotations, resource quantities). So the object is validated through a Proxy that
 * records, per JSON pointer, which property names the validator read and whether it enumerated the keys. A key the
 * object has at a pointer the validator visited, that the validator never read and whose keys it never enumerated,
 * is a field the schema does not know: a typo, or a field of another API version.
 */
import { pointerSegment } from "./paths";

/** What a validator looked at. */
export interface ReadTrace {
  /** Property names read, per JSON pointer of the object read from. */
  readonly reads: Map<string, Set<string>>;
  /** Pointers whose keys were enumerated (maps: every key is allowed). */
  readonly enumerated: Set<string>;
}

/** A field present in the object that its schema does not declare. */
export interface UnknownField {
  /** JSON pointer of the object holding the field. */
  readonly parent: string;
  /** The field's name. */
  readonly key: string;
  /** The names the schema does declare there (for "did you mean"). */
  readonly known: readonly string[];
}

function record(trace: ReadTrace, pointer: string, key: string): void {
  let set = trace.reads.get(pointer);
  if (!set) {
    set = new Set();
    trace.reads.set(pointer, set);
  }
  set.add(key);
}

/** A read-recording view of `value` (objects and arrays; scalars are returned as they are). */
export function traced<T>(value: T, trace: ReadTrace, pointer = ""): T {
  if (value === null || typeof value !== "object") return value;
  return new Proxy(value as unknown as object, {
    get(target, key, receiver) {
      const child: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== "string") return child;
      record(trace, pointer, key);
      return traced(child, trace, `${pointer}/${pointerSegment(key)}`);
    },
    has(target, key) {
      if (typeof key === "string") record(trace, pointer, key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      trace.enumerated.add(pointer);
      return Reflect.ownKeys(target);
    },
  }) as T;
}

/** A fresh, empty trace. */
export function newTrace(): ReadTrace {
  return { reads: new Map(), enumerated: new Set() };
}

/** Fields of `root` the validator never read, at pointers it visited without enumerating. */
export function unknownFields(root: unknown, trace: ReadTrace): UnknownField[] {
  const out: UnknownField[] = [];
  const stack: { value: unknown; pointer: string }[] = [{ value: root, pointer: "" }];
  while (stack.length > 0) {
    const { value, pointer } = stack.pop() as { value: unknown; pointer: string };
    if (value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], pointer: `${pointer}/${i}` });
      continue;
    }
    const reads = trace.reads.get(pointer);
    const keys = Object.keys(value);
    if (reads !== undefined && !trace.enumerated.has(pointer)) {
      const known = [...reads].filter((k) => k !== "length" && k !== "constructor" && k !== "toJSON");
      for (const key of keys) if (!reads.has(key)) out.push({ parent: pointer, key, known });
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      stack.push({ value: (value as Record<string, unknown>)[key], pointer: `${pointer}/${pointerSegment(key)}` });
    }
  }
  return out;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The declared field closest to a misspelt one, when one is close (case-insensitive equal or ≤ 2 edits). */
export function closestField(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = k.toLowerCase() === lower ? 0 : distance(lower, k.toLowerCase());
    if (best === undefined || d < best.d) best = { name: k, d };
  }
  return best !== undefined && best.d <= Math.max(2, Math.floor(key.length / 5)) ? best.name : undefined;
}
