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

/** Keys sorted, cdktf's "//" metadata and outputs left out: what two cdk.tf.json files must agree on. */
function comparableJson(value) {
  if (Array.isArray(value)) return value.map(comparableJson);
  if (!value || typeof value !== "object") return value;
  const out = {};
  for (const key of Object.keys(value).sort()) {
    if (key === "//") {
      const { metadata: _m, outputs: _o, ...own } = value[key];
      if (Object.keys(own).length) out[key] = comparableJson(own);
    } else out[key] = comparableJson(value[key]);
  }
  return out;
}

/**
 * Synthesize the reference stack once (node dist/main.js in a temp cwd) and write the emitting floor's spec beside
 * it: { root, stackName, modules, json } (bench/emit-floor.js). Returns the spec's path.
 */
function writeFloorSpec(root, work) {
  const cwd = fs.mkdtempSync(path.join(work, "reference-"));
  const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
  delete env.CDKTF_OUTDIR;
  delete env.READYSTACK_HELM;
  delete env.READYSTACK_CHARTS_DIR;
  const r = require("child_process").spawnSync(process.execPath, [path.join(root, "dist", "main.js")], { cwd, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`reference synth failed (exit ${r.status}): ${r.stderr}`);
  const stacksDir = path.join(cwd, "cdktf.out", "stacks");
  const [stackName] = fs.readdirSync(stacksDir);
  const json = JSON.parse(fs.readFileSync(path.join(stacksDir, stackName, "cdk.tf.json"), "utf8"));
  const file = path.join(work, "floor-spec.json");
  fs.writeFileSync(file, JSON.stringify({ root, stackName, modules: providerModules(root), json }));
  return file;
}

/** Undefined when the floor's cdk.tf.json (in outdir) equals the reference one of the spec; else what differs. */
function floorOutputDiff(specFile, outdir) {
  const spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
  const file = path.join(outdir, "stacks", spec.stackName, "cdk.tf.json");
  if (!fs.existsSync(file)) return `no ${file}`;
  const want = comparableJson(spec.json);
  const got = comparableJson(JSON.parse(fs.readFileSync(file, "utf8")));
  const keys = [...new Set([...Object.keys(want), ...Object.keys(got)])].filter((k) => JSON.stringify(want[k]) !== JSON.stringify(got[k]));
  return keys.length ? `floor output differs from the reference in: ${keys.join(", ")}` : undefined;
}

Object.assign(module.exports, { comparableJson, writeFloorSpec, floorOutputDiff });
