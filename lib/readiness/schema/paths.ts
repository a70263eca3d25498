/** JSON pointers (`/spec/containers/0/name`) as the dotted paths people read (`spec.containers[0].name`). */

/** Unescape one JSON pointer segment. */
function segment(raw: string): string {
  return raw.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The segments of a JSON pointer. */
export function pointerSegments(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map(segment);
}

/** Escape one segment for a JSON pointer. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `spec.containers[0].name`; keys that are not identifiers are quoted (`metadata.labels["app.kubernetes.io/name"]`). */
export function dottedPath(segments: readonly string[]): string {
  let out = "";
  for (const s of segments) {
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === "" ? "(the object)" : out;
}

/** The value at a JSON pointer inside a document, or undefined. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const s of pointerSegments(pointer)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/** Whether a value is (or contains) a Terraform interpolation: its real value is known only at apply time. */
export function isInterpolation(value: unknown): boolean {
  return typeof value === "string" && /[$%]\{/.test(value);
}
