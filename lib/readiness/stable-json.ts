/**
 * The exact text cdktf writes to cdk.tf.json: json-stable-stringify 1.x with `{ space: 2 }` (keys sorted
 * by code unit, empty objects/arrays as `{` newline-indent `}`, undefined members dropped). Readiness needs
 * the same text to give SARIF line numbers that match the file, also when synth fails before writing it.
 */
export function cdktfStringify(value: unknown): string {
  return stringify(value, 0) ?? "undefined";
}

const SPACE = "  ";

function stringify(node: unknown, level: number): string | undefined {
  if (node !== null && typeof node === "object" && typeof (node as { toJSON?: unknown }).toJSON === "function") {
    node = (node as { toJSON: () => unknown }).toJSON();
  }
  if (node === undefined) return undefined;
  if (typeof node !== "object" || node === null) return JSON.stringify(node);
  const indent = `\n${SPACE.repeat(level)}`;
  const out: string[] = [];
  if (Array.isArray(node)) {
    for (const item of node) out.push(indent + SPACE + (stringify(item, level + 1) ?? "null"));
    return `[${out.join(",")}${indent}]`;
  }
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    const value = stringify(record[key], level + 1);
    if (!value) continue;
    out.push(`${indent}${SPACE}${JSON.stringify(key)}: ${value}`);
  }
  return `{${out.join(",")}${indent}}`;
}
