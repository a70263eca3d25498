"use strict";
/**
 * In-process phase timings of the reference synth (one process, `performance.now()`), with counters:
 * how many token stack traces cdktf captured and their time, how many YAML parses/stringifies and their time.
 * Usage: node --max-semi-space-size=4 bench/phases.js [--no-traces]   (needs a build; prints JSON).
 */
const { performance } = require("perf_hooks");
const fs = require("fs");
const os = require("os");
const path = require("path");
const t = [["start", performance.now()]];
const mark = (name) => t.push([name, performance.now()]);
const root = path.join(__dirname, "..");
const req = require("module").createRequire(path.join(root, "package.json"));
const { providerModules } = require("./scenarios");

const stackTrace = req("cdktf/lib/tokens/private/stack-trace.js");
const original = stackTrace.captureStackTrace;
const counts = { traces: 0, traceMs: 0, traceFrames: 0, yamlParse: 0, yamlParseMs: 0, yamlParseChars: 0, yamlStringify: 0, yamlStringifyMs: 0 };
const noTraces = process.argv.includes("--no-traces");
stackTrace.captureStackTrace = (below) => {
  counts.traces++;
  if (noTraces) return [];
  const s = performance.now();
  const r = original(below);
  counts.traceMs += performance.now() - s;
  counts.traceFrames += r.length;
  return r;
};
req("cdktf");
for (const m of providerModules(root)) req(m);
mark("cdktf + provider modules");
const yaml = req("yaml");
mark("yaml");
const { parse, stringify } = yaml;
yaml.parse = (...a) => {
  const s = performance.now();
  try {
    return parse(...a);
  } finally {
    counts.yamlParse++;
    counts.yamlParseChars += String(a[0]).length;
    counts.yamlParseMs += performance.now() - s;
  }
};
yaml.stringify = (...a) => {
  const s = performance.now();
  try {
    return stringify(...a);
  } finally {
    counts.yamlStringify++;
    counts.yamlStringifyMs += performance.now() - s;
  }
};
const { App } = req("cdktf");
const engine = require(path.join(root, "dist/lib/readiness/engine"));
let engineMs = 0;
const run = engine.runReadiness;
engine.runReadiness = (...a) => {
  const s = performance.now();
  try {
    return run(...a);
  } finally {
    engineMs += performance.now() - s;
  }
};
const { buildReferenceStack } = require(path.join(root, "dist/stacks/reference"));
mark("readystack modules");
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-phases-"));
const app = new App({ outdir });
buildReferenceStack(app);
mark("construction");
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true; // the scorecard
app.synth();
process.stdout.write = write;
mark("app.synth() (readiness check, resolution, writing)");
fs.rmSync(outdir, { recursive: true, force: true });
const phases = {};
for (let i = 1; i < t.length; i++) phases[t[i][0]] = +(t[i][1] - t[i - 1][1]).toFixed(1);
const round = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, +v.toFixed(1)]));
process.stdout.write(`${JSON.stringify({ phases, engineMs: +engineMs.toFixed(1), ...round(counts), rssMiB: +(process.memoryUsage().rss / 2 ** 20).toFixed(0) })}\n`);
