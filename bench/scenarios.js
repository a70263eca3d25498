"use strict";
/** Builders for the bench's comparison projects: the provider module list, the idiomatic baseline, a project copy. */
const fs = require("fs");
const path = require("path");

const PROVIDERS = ["kubernetes", "helm", "random"];
const DEEP_IMPORT = /^import (type )?\{([^}]*)\} from "@cdktf\/provider-(kubernetes|helm|random)\/lib\/([a-z0-9-]+)";[ \t]*$/gm;
const DEEP_MODULE = /["'](@cdktf\/provider-(?:kubernetes|helm|random)\/lib\/[a-z0-9-]+)["']/g;

function tsFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** Every deep provider module imported by lib/, stacks/, bin/ and main.ts, sorted. */
function providerModules(root) {
  const files = [...["lib", "stacks", "bin"].flatMap((d) => tsFiles(path.join(root, d))), path.join(root, "main.ts")];
  const found = new Set();
  for (const f of files) for (const m of fs.readFileSync(f, "utf8").matchAll(DEEP_MODULE)) found.add(m[1]);
  return [...found].sort();
}

/** Map of a provider's `lib/<dir>` to the namespace its root index exports it as (`export * as deploymentV1 from './deployment-v1'`). */
function rootNamespaces(root, provider) {
  const index = fs.readFileSync(path.join(root, "node_modules", "@cdktf", `provider-${provider}`, "lib", "index.d.ts"), "utf8");
  const map = new Map();
  for (const m of index.matchAll(/export \* as (\w+) from '\.\/([a-z0-9-]+)'/g)) map.set(m[2], m[1]);
  return map;
}

/** Rewrite a file's deep provider imports into root imports plus `import X = ns.module.X` aliases (values and types alike). */
function toRootImports(source, namespaces, file) {
  const used = new Set();
  const rewritten = source.replace(DEEP_IMPORT, (_all, _type, names, provider, dir) => {
    const ns = namespaces[provider].get(dir);
    if (!ns) throw new Error(`${file}: @cdktf/provider-${provider} has no root export for lib/${dir}`);
    used.add(provider);
    return names
      .split(",")
      .map((n) => n.trim().replace(/^type\s+/, ""))
      .filter(Boolean)
      .map((n) => {
        const [name, alias] = n.split(/\s+as\s+/);
        return `import ${alias ?? name} = ${provider}.${ns}.${name};`;
      })
      .join("\n");
  });
  if (/@cdktf\/provider-(kubernetes|helm|random)\/lib\//.test(rewritten)) throw new Error(`${file}: a deep provider import was not rewritten`);
  const header = [...used].sort().map((p) => `import * as ${p} from "@cdktf/provider-${p}";`).join("\n");
  return used.size ? `${header}\n${rewritten}` : rewritten;
}

function copyTree(from, to, filter = () => true) {
  fs.cpSync(from, to, { recursive: true, filter: (src) => filter(src) });
}

/** The reference stack as `cdktf init --template=typescript` would run it: ts-node, type-checking, root provider imports. */
function makeBaseline(root, dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const d of ["lib", "stacks"]) copyTree(path.join(root, d), path.join(dir, d));
  fs.copyFileSync(path.join(root, "main.ts"), path.join(dir, "main.ts"));
  const namespaces = Object.fromEntries(PROVIDERS.map((p) => [p, rootNamespaces(root, p)]));
  let rewrites = 0;
  for (const f of [...tsFiles(path.join(dir, "lib")), ...tsFiles(path.join(dir, "stacks")), path.join(dir, "main.ts")]) {
    const src = fs.readFileSync(f, "utf8");
    const out = toRootImports(src, namespaces, f);
    if (out !== src) {
      rewrites++;
      fs.writeFileSync(f, out);
    }
  }
  if (rewrites === 0) throw new Error("baseline: no provider import was rewritten; the scan is broken");
  fs.symlinkSync(path.resolve(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  // The template's package.json lists cdktf, the providers, ts-node and typescript; npx resolves ts-node through it.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const manifest = { name: "baseline", version: "1.0.0", private: true, main: "main.js", dependencies: pkg.dependencies, devDependencies: pkg.devDependencies };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx ts-node main.ts", projectId: "bench-baseline", sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }, null, 2));
  // cdktf's typescript template tsconfig (cdktf 0.21), with target/lib ES2022 (the code uses ES2022 APIs) and esModuleInterop as readystack has it.
  const tsconfig = {
    compilerOptions: {
      alwaysStrict: true, declaration: true, experimentalDecorators: true, inlineSourceMap: true, inlineSources: true,
      lib: ["es2022"], module: "CommonJS", noEmitOnError: true, noFallthroughCasesInSwitch: true, noImplicitAny: true,
      noImplicitReturns: true, noImplicitThis: true, noUnusedLocals: true, noUnusedParameters: true, resolveJsonModule: true,
      strict: true, strictNullChecks: true, strictPropertyInitialization: true, stripInternal: true, target: "ES2022",
      incremental: true, skipLibCheck: true, esModuleInterop: true, types: ["node"],
    },
    include: ["**/*.ts"],
    exclude: ["node_modules", "cdktf.out"],
  };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  return dir;
}

/** A copy of the project for `cdktf synth` (its app command rebuilds dist/ there, not in the repo). */
function makeProjectCopy(root, dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const d of ["lib", "stacks", "bin"]) copyTree(path.join(root, d), path.join(dir, d));
  for (const f of ["main.ts", "tsconfig.json", "tsconfig.build.json", "package.json", "cdktf.json"]) fs.copyFileSync(path.join(root, f), path.join(dir, f));
  fs.symlinkSync(path.resolve(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

module.exports = { providerModules, rootNamespaces, toRootImports, makeBaseline, makeProjectCopy };
