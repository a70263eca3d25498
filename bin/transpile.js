#!/usr/bin/env node
"use strict";
/**
 * The synth's build: transpile the TypeScript sources tsconfig.build.json compiles (main.ts, lib/, stacks/, bin/) to
 * dist/ with swc, type-only (no type check), rewriting only the files whose source is newer than their output.
 * A one-file change costs about a millisecond instead of tsc re-reading the whole program. Type errors are reported
 * by `npm run typecheck` and `npm test` (tsc); `npm run build` stays the full tsc build that is published.
 *
 * Output matches tsc's for tsconfig.json's settings: CommonJS (package.json has no "type"), ES2022, define semantics
 * for class fields, ES-module interop; JSON files beside the sources (imported with resolveJsonModule) are copied.
 */
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "dist");
const SOURCES = ["main.ts", "lib", "stacks", "bin"];
const SKIP_DIRS = new Set(["node_modules", "dist", "cdktf.out", "charts"]);

/** swc options equivalent to tsconfig.json's emit settings. */
const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: "typescript", tsx: false, decorators: false },
    target: "es2022",
    transform: { useDefineForClassFields: true },
    externalHelpers: false,
  },
  module: { type: "commonjs", strict: false, strictMode: true, importInterop: "swc" },
  sourceMaps: false,
  swcrc: false,
  configFile: false,
};

function walk(root, rel, out) {
  const abs = path.join(root, rel);
  const st = fs.statSync(abs, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    if (SKIP_DIRS.has(path.basename(rel))) return;
    for (const name of fs.readdirSync(abs)) walk(root, path.join(rel, name), out);
  } else if ((rel.endsWith(".ts") && !rel.endsWith(".d.ts")) || rel.endsWith(".json")) {
    out.push({ rel, mtimeMs: st.mtimeMs });
  }
}

/** The sources the synth build compiles (paths relative to root): TypeScript without .d.ts, and JSON files. */
function sourceFiles(root = ROOT) {
  const files = [];
  for (const s of SOURCES) walk(root, s, files);
  return files;
}

/**
 * Transpile every source newer than its output under outDir. Returns the files written and the failures
 * (`file: swc's message`); a failed file leaves its previous output untouched.
 */
function transpile({ root = ROOT, outDir = OUT } = {}) {
  let swc;
  const written = [];
  const failures = [];
  const files = sourceFiles(root);
  for (const { rel, mtimeMs } of files) {
    const isJson = rel.endsWith(".json");
    const target = path.join(outDir, isJson ? rel : rel.replace(/\.ts$/, ".js"));
    const outStat = fs.statSync(target, { throwIfNoEntry: false });
    if (outStat && outStat.mtimeMs >= mtimeMs) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (isJson) {
      fs.copyFileSync(path.join(root, rel), target);
    } else {
      swc ??= require("@swc/core");
      try {
        const { code } = swc.transformFileSync(path.join(root, rel), { ...SWC_OPTIONS, filename: rel });
        fs.writeFileSync(target, code);
      } catch (err) {
        failures.push(`${rel}: ${String(err && err.message ? err.message : err).trim()}`);
        continue;
      }
    }
    written.push(rel);
  }
  return { total: files.length, written, failures };
}

module.exports = { sourceFiles, transpile, SWC_OPTIONS };

if (require.main === module) {
  const { total, written, failures } = transpile();
  if (failures.length) {
    process.stderr.write(`transpile: ${failures.length} file(s) could not be compiled:\n${failures.join("\n")}\n`);
    process.exit(1);
  }
  if (process.env.READYSTACK_TRANSPILE_VERBOSE) process.stderr.write(`transpile: ${written.length} of ${total} file(s) written\n`);
}
