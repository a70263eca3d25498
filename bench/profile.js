"use strict";
/**
 * Where the synth's time goes, from V8 CPU profiles (`node --cpu-prof`) of the readystack synth and of the
 * cdktf-emitting floor. Every sample is put in exactly one bucket (first match in BUCKETS' order, by the frames on
 * its stack), so the buckets of one program add up to its profiled time; a few cross-cutting figures (cdktf's
 * token stack traces, cdktf token resolution, YAML) are also summed over whole stacks, wherever they occur.
 *
 * As a library: profileRuns({ root, work, floorSpec, runs }) → Markdown. Standalone: node bench/profile.js [runs]
 * (needs a build; writes the Markdown to stdout).
 */
const cp = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const isLoad = (f) => f.functionName === "Module._load" && f.url.includes("modules/cjs/loader");
const inPkg = (f, pkg) => f.url.includes(`/node_modules/${pkg}/`);
const inDist = (f, file) => f.url.includes(`/dist/${file}`);
const stackTraceFrame = (f) => f.functionName === "captureStackTrace" && f.url.includes("tokens/private/stack-trace");

/** Exclusive buckets, first match wins. Each test gets the sample's frames (leaf first). */
const BUCKETS = [
  ["GC", (fr) => fr[0].functionName === "(garbage collector)"],
  ["module loading (nested `require`: resolve, read, compile, run module bodies)", (fr) => fr.filter(isLoad).length >= 2],
  ["cdktf token stack traces (`captureStackTrace`)", (fr) => fr.some(stackTraceFrame)],
  ["YAML parse of values readystack wrote (k8s-model → yaml)", (fr) => fr.some((f) => inPkg(f, "yaml")) && fr.some((f) => inDist(f, "lib/readiness/k8s-model.js"))],
  ["readiness engine (`runReadiness`, rest)", (fr) => fr.some((f) => f.functionName === "runReadiness")],
  ["readiness reports (`writeReports`)", (fr) => fr.some((f) => f.functionName === "writeReports")],
  ["YAML stringify of Helm values (construction)", (fr) => fr.some((f) => inPkg(f, "yaml"))],
  ["construction, rest (`buildReferenceStack` / floor's constructors)", (fr) => fr.some((f) => f.functionName === "buildReferenceStack") || fr.some((f) => f.url.includes("emit-floor.js") && f.functionName === "" && !fr.some((g) => g.functionName === "synth"))],
  ["`app.synth()`, rest (validation, resolution, writing)", (fr) => fr.some((f) => f.functionName === "synth" && inPkg(f, "cdktf"))],
  ["(program) / V8 / idle", (fr) => /^\((program|idle|root)\)$/.test(fr[0].functionName)],
  ["other", () => true],
];
/** Cross-cutting inclusive sums. */
const ACROSS = [
  ["cdktf token stack traces (all)", (fr) => fr.some(stackTraceFrame)],
  ["cdktf token resolution (`resolve` in cdktf/lib/tokens)", (fr) => fr.some((f) => f.functionName === "resolve" && f.url.includes("cdktf/lib/tokens"))],
  ["YAML (all: parse + stringify)", (fr) => fr.some((f) => inPkg(f, "yaml"))],
  ["`stack.toTerraform()` (all)", (fr) => fr.some((f) => f.functionName === "toTerraform" && f.url.includes("terraform-stack"))],
];

/** The package (or readystack's dist/ directory) of the innermost module whose body is running: what is being loaded. */
function loadingWhat(fr) {
  const wrapper = fr.find((f) => f.functionName === "" && f.lineNumber === 0 && f.url.startsWith("file://"));
  if (!wrapper) return "node's loader (resolve, read, compile)";
  const m = wrapper.url.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) return m[1].startsWith("@cdktf/provider-") ? "@cdktf/provider-* modules" : m[1];
  const d = wrapper.url.match(/\/dist\/(lib\/readiness|lib|stacks|main)/);
  return d ? `readystack dist/${d[1]}` : "bench program";
}

/** Milliseconds per bucket and per cross-cutting figure of one .cpuprofile. */
function analyse(file) {
  const prof = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frameCache = new Map();
  const framesOf = (id) => {
    let fr = frameCache.get(id);
    if (!fr) {
      fr = [];
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) fr.push(byId.get(cur).callFrame);
      frameCache.set(id, fr);
    }
    return fr;
  };
  const buckets = Object.fromEntries(BUCKETS.map(([k]) => [k, 0]));
  const across = Object.fromEntries(ACROSS.map(([k]) => [k, 0]));
  const loading = {};
  let total = 0;
  prof.samples.forEach((id, i) => {
    const ms = (prof.timeDeltas[i + 1] ?? prof.timeDeltas[i]) / 1000;
    const fr = framesOf(id);
    total += ms;
    for (const [k, test] of BUCKETS) {
      if (test(fr)) {
        buckets[k] += ms;
        if (k === BUCKETS[1][0]) loading[loadingWhat(fr)] = (loading[loadingWhat(fr)] ?? 0) + ms;
        break;
      }
    }
    for (const [k, test] of ACROSS) if (test(fr)) across[k] += ms;
  });
  return { total, buckets, across, loading };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Profile `runs` alternating runs of the synth, the synth without token stack traces, and the floor; Markdown out. */
function profileRuns({ root, work, floorSpec, runs = 3, log = () => {} }) {
  const dir = fs.mkdtempSync(path.join(work, "prof-"));
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", BENCH_ROOT: root };
  delete env.CDKTF_OUTDIR;
  delete env.READYSTACK_HELM;
  delete env.READYSTACK_CHARTS_DIR;
  const programs = {
    synth: ["--max-semi-space-size=4", path.join(root, "dist", "main.js")],
    noTraces: ["--require", path.join(__dirname, "no-stack-traces.js"), "--max-semi-space-size=4", path.join(root, "dist", "main.js")],
    floor: [path.join(__dirname, "emit-floor.js"), floorSpec, "OUT"],
  };
  const results = Object.fromEntries(Object.keys(programs).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [key, args] of Object.entries(programs)) {
      const cwd = path.join(dir, `${key}-${i}`);
      fs.mkdirSync(cwd);
      const profDir = path.join(cwd, "prof");
      const r = cp.spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-interval", "250", "--cpu-prof-dir", profDir, ...args.map((a) => (a === "OUT" ? path.join(cwd, "out") : a))], { cwd, env, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`profile of ${key} failed: ${r.stderr}`);
      const file = fs.readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
      results[key].push(analyse(path.join(profDir, file)));
      log(`profile ${key} #${i + 1}: ${results[key].at(-1).total.toFixed(0)} ms profiled`);
    }
  }
  const med = (key, pick) => median(results[key].map(pick));
  const f0 = (x) => x.toFixed(0);
  const lines = [
    `Medians of ${runs} alternating runs each, \`node --cpu-prof --cpu-prof-interval 250\` (µs), ms of profiled time. Every sample is counted`,
    "in the first bucket whose test its stack matches, so each run's buckets add up to its total (the medians nearly do). The floor has no readiness or YAML.",
    "",
    "| Bucket | readystack synth | synth, token stack traces off | cdktf-emitting floor | synth − floor |",
    "|---|---:|---:|---:|---:|",
  ];
  for (const [k] of BUCKETS) {
    const s = med("synth", (r) => r.buckets[k]);
    const n = med("noTraces", (r) => r.buckets[k]);
    const fl = med("floor", (r) => r.buckets[k]);
    if (s + n + fl < 0.5) continue;
    lines.push(`| ${k} | ${f0(s)} | ${f0(n)} | ${f0(fl)} | ${f0(s - fl)} |`);
  }
  const ts = med("synth", (r) => r.total);
  const tn = med("noTraces", (r) => r.total);
  const tf = med("floor", (r) => r.total);
  lines.push(`| **total profiled** | **${f0(ts)}** | **${f0(tn)}** | **${f0(tf)}** | **${f0(ts - tf)}** |`);
  lines.push("", "Summed over whole stacks (they cut across the buckets above):", "", "| Figure | readystack synth | synth, token stack traces off | floor |", "|---|---:|---:|---:|");
  for (const [k] of ACROSS) lines.push(`| ${k} | ${f0(med("synth", (r) => r.across[k]))} | ${f0(med("noTraces", (r) => r.across[k]))} | ${f0(med("floor", (r) => r.across[k]))} |`);
  const what = [...new Set(Object.values(results).flatMap((rs) => rs.flatMap((r) => Object.keys(r.loading))))].sort();
  lines.push("", "Module loading by what was being loaded (the innermost module body on the stack; compiling a module counts for the module requiring it):", "", "| Loading | readystack synth | floor |", "|---|---:|---:|");
  for (const w of what) lines.push(`| ${w} | ${f0(med("synth", (r) => r.loading[w] ?? 0))} | ${f0(med("floor", (r) => r.loading[w] ?? 0))} |`);
  return lines.join("\n");
}

module.exports = { analyse, profileRuns, BUCKETS, ACROSS };

if (require.main === module) {
  const root = path.join(__dirname, "..");
  const { writeFloorSpec } = require("./scenarios");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-profile-"));
  const spec = writeFloorSpec(root, work);
  process.stdout.write(`${profileRuns({ root, work, floorSpec: spec, runs: Number(process.argv[2] ?? "3"), log: (s) => process.stderr.write(`[profile] ${s}\n`) })}\n`);
  fs.rmSync(work, { recursive: true, force: true });
}
