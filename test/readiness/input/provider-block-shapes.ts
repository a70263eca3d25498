/**
 * Read which nested blocks of each kubernetes/helm resource cdktf writes as one object and which as a list,
 * from the provider bindings cdktf generated (`@cdktf/provider-kubernetes`, `@cdktf/provider-helm`):
 * in `fooToTerraform(struct)`, `key: barToTerraform(struct.key)` is a single block (max_items 1) and
 * `key: cdktf.listMapper(barToTerraform, true)(struct.key)` a repeated one.
 *
 *   npx ts-node --transpile-only -P tsconfig.json test/readiness/input/provider-block-shapes.ts --write
 *
 * regenerates lib/readiness/input/provider-blocks.json after a provider upgrade.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { join } from "path";
import type { BlockShape } from "../../../lib/readiness/input/block-shapes";

interface Entry {
  readonly key: string;
  readonly kind: "single" | "list";
  readonly child: string;
}

function entriesOf(body: string): Entry[] {
  const out: Entry[] = [];
  for (const line of body.split("\n")) {
    const m = /^\s+(\w+): (.*)$/.exec(line);
    if (!m) continue;
    const [, key, expr] = m;
    const list = /^cdktf\.listMapper\((?:\(0, )?(?:\w+\.)?(\w+)ToTerraform\)?, true\)/.exec(expr);
    if (list) {
      out.push({ key, kind: "list", child: list[1] });
      continue;
    }
    const single = /^\(0, [\w.]+\.(\w+)ToTerraform\)\(/.exec(expr) ?? /^(\w+)ToTerraform\(/.exec(expr);
    if (single) out.push({ key, kind: "single", child: single[1] });
  }
  return out;
}

function scan(pkgRoot: string, into: Record<string, BlockShape>): void {
  const lib = join(pkgRoot, "lib");
  for (const dir of readdirSync(lib).sort()) {
    const full = join(lib, dir);
    if (!statSync(full).isDirectory() || dir === "provider" || dir.startsWith("data-")) continue;
    const files = [join(full, "index.js")];
    const structs = join(full, "index-structs");
    if (existsSync(structs)) for (const f of readdirSync(structs).sort()) if (f.endsWith(".js")) files.push(join(structs, f));
    const fns = new Map<string, Entry[]>();
    let top: Entry[] | undefined;
    let type: string | undefined;
    for (const file of files) {
      if (!existsSync(file)) continue;
      const text = readFileSync(file, "utf8");
      const fn = /function (\w+)ToTerraform\(struct\) \{([\s\S]*?)\n\}/g;
      let m: RegExpExecArray | null;
      while ((m = fn.exec(text)) !== null) fns.set(m[1], entriesOf(m[2]));
      if (file.endsWith("index.js")) {
        type = /\.tfResourceType = "([^"]+)"/.exec(text)?.[1] ?? type;
        const synth = /synthesizeAttributes\(\) \{\s*return \{([\s\S]*?)\n\s*\};/.exec(text);
        if (synth) top = entriesOf(synth[1]);
      }
    }
    if (!top || !type) continue;
    const build = (entries: readonly Entry[], depth: number): BlockShape => {
      const node: Record<string, 1 | BlockShape | [BlockShape]> = {};
      for (const e of entries) {
        const childEntries = fns.get(e.child);
        const kids = depth < 40 && childEntries ? build(childEntries, depth + 1) : {};
        node[e.key] = e.kind === "single" ? (Object.keys(kids).length > 0 ? kids : 1) : [kids];
      }
      return node;
    };
    into[type] = build(top, 0);
  }
}

/** The block shapes of every resource type of the installed kubernetes and helm provider bindings. */
export function providerBlockShapes(root: string): Record<string, BlockShape> {
  const out: Record<string, BlockShape> = {};
  scan(join(root, "node_modules", "@cdktf", "provider-kubernetes"), out);
  scan(join(root, "node_modules", "@cdktf", "provider-helm"), out);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** The JSON file's text: one resource type per line, for readable diffs. */
export function providerBlocksText(shapes: Record<string, BlockShape>): string {
  return `{\n${Object.entries(shapes).map(([type, shape]) => `  ${JSON.stringify(type)}: ${JSON.stringify(shape)}`).join(",\n")}\n}\n`;
}

/** Where the generated table lives. */
export const PROVIDER_BLOCKS_FILE = join(__dirname, "..", "..", "..", "lib", "readiness", "input", "provider-blocks.json");

if (require.main === module && process.argv.includes("--write")) {
  writeFileSync(PROVIDER_BLOCKS_FILE, providerBlocksText(providerBlockShapes(join(__dirname, "..", "..", ".."))));
}
