/**
 * Guard for the synth-speed win (issue 5): provider classes are imported by deep path only
 * (`@cdktf/provider-kubernetes/lib/deployment-v1`). The package root loads or type-checks every
 * resource binding of the provider: ~0.8 s and hundreds of MB per synth and per type-check.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const SCANNED = ["lib", "stacks", "bin", "examples", "test", "main.ts"];
const PROVIDERS = "(kubernetes|helm|random)";
/** `from "@cdktf/provider-x"`, `import "@cdktf/provider-x"`, `require("@cdktf/provider-x")`, `import("@cdktf/provider-x")`, with or without a trailing `/` or `/lib`/`/lib/index`. */
const ROOT_IMPORT = new RegExp(
  `(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*)["'\`]@cdktf/provider-${PROVIDERS}(?:/lib(?:/index(?:\\.js)?)?)?/?["'\`]`,
);

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  const out: string[] = [];
  for (const e of fs.readdirSync(full, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "dist" || e.name === "cdktf.out") continue;
    const p = path.join(full, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(path.relative(ROOT, p)));
    else if (/\.(ts|js|mjs|cjs)$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** Every root import of a provider package in a text, as `file:line: text`. */
export function rootImports(file: string, text: string): string[] {
  const hits: string[] = [];
  text.split("\n").forEach((line, i) => {
    if (ROOT_IMPORT.test(line)) hits.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
  });
  return hits;
}

describe("no root imports of the provider packages", () => {
  const self = path.resolve(__filename);
  const files = SCANNED.flatMap(sourceFiles).filter((f) => path.resolve(f) !== self);

  it("scans the source tree", () => {
    expect(files.some((f) => f.endsWith(path.join("lib", "ready-stack.ts")))).toBe(true);
    expect(files.length).toBeGreaterThan(20);
  });

  it("finds none in lib, stacks, bin, examples, test and main.ts (import by deep path: @cdktf/provider-kubernetes/lib/<resource>)", () => {
    const hits = files.flatMap((f) => rootImports(f, fs.readFileSync(f, "utf8")));
    if (hits.length > 0) {
      throw new Error(
        `root provider imports load every binding of the package (~0.8 s, hundreds of MB); import by deep path instead:\n  ${hits.join("\n  ")}`,
      );
    }
  });

  it("recognises the forms it forbids and lets deep imports pass", () => {
    // Built from parts so that this file itself holds no root import for other scanners (the before-stop hook greps).
    const pkg = (name: string): string => ["@cdktf", `provider-${name}`].join("/");
    const bad = [
      `import * as k8s from "${pkg("kubernetes")}";`,
      `import { DeploymentV1 } from '${pkg("kubernetes")}/lib';`,
      `import { release } from "${pkg("helm")}";`,
      `const random = require("${pkg("random")}");`,
      `const k = await import("${pkg("kubernetes")}/lib/index");`,
      `export * from "${pkg("helm")}";`,
      `import "${pkg("random")}";`,
    ];
    for (const line of bad) expect(rootImports(path.join(ROOT, "x.ts"), line)).toEqual([`x.ts:1: ${line}`]);
    const good = [
      `import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";`,
      `import { Release } from "@cdktf/provider-helm/lib/release";`,
      `const { Password } = require("@cdktf/provider-random/lib/password");`,
      `// see @cdktf/provider-kubernetes for the types`,
      `import { Foo } from "@cdktf/provider-kubernetes-extra";`,
    ];
    for (const line of good) expect(rootImports(path.join(ROOT, "x.ts"), line)).toEqual([]);
  });
});
