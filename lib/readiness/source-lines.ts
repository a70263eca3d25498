/**
 * Line numbers of resources in a Terraform JSON text, for SARIF locations and reports.
 * One linear pass over the characters with a small tokenizer that tracks the key path, so it works on
 * cdktf's `JSON.stringify(x, null, 2)` output and on hand-written JSON with any indentation.
 */

/**
 * Map each `type.name` under `resource` (and `data.type.name` under `data`) to the 1-based line of
 * the resource's key. Returns an empty map when the text is not JSON it can follow.
 */
export function resourceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  // Stack of open containers: for an object, the key path segment that opened it.
  const path: (string | null)[] = [];
  const kinds: ("object" | "array")[] = [];
  let expectKey = false;
  let pendingKey: string | null = null;
  let line = 1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      line++;
      i++;
      continue;
    }
    if (c === 34 /* " */) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) {
          i += 2;
          continue;
        }
        if (d === 34) break;
        if (d === 10) line++;
        i++;
      }
      const raw = text.slice(start, i + 1);
      i++;
      if (expectKey && kinds[kinds.length - 1] === "object") {
        let key: string;
        try {
          key = JSON.parse(raw) as string;
        } catch {
          key = raw.slice(1, -1);
        }
        pendingKey = key;
        expectKey = false;
        // path holds the keys of open objects below the root: ["resource", type] → this key is a name.
        if (path.length === 3 && (path[1] === "resource" || path[1] === "data") && path[2] !== null) {
          const address = path[1] === "data" ? `data.${path[2]}.${key}` : `${path[2]}.${key}`;
          if (!lines.has(address)) lines.set(address, line);
        }
      }
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      path.push(kinds.length === 0 ? null : kinds[kinds.length - 1] === "object" ? pendingKey : null);
      kinds.push(c === 123 ? "object" : "array");
      pendingKey = null;
      expectKey = c === 123;
      i++;
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      path.pop();
      kinds.pop();
      expectKey = false;
      i++;
      continue;
    }
    if (c === 44 /* , */) {
      expectKey = kinds[kinds.length - 1] === "object";
      i++;
      continue;
    }
    i++;
  }
  return lines;
}
