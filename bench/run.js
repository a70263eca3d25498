"use strict";
/**
 * `npm run bench`: readystack's synth and test timings, measured side by side against the floor (cdktf +
 * the provider modules only), the idiomatic cdktf template setup (ts-node with type-checking, root provider
 * imports) and the `cdktf synth` CLI. Every measurement is a child process; runs are interleaved round-robin
 * so drift on the machine hits every scenario alike. Writes BENCHMARKS.md. Expects `npm run build` to have run.
 *
 * Env: BENCH_RUNS (default 5) scales every run count; BENCH_OUT (default BENCHMARKS.md).
 */
const cp = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { performance } = require("perf_hooks");
const { makeBaseline, makeProjectCopy, providerModules } = require("./scenarios");

const ROOT = path.join(__dirname, "..");
const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const RUNS = Number(process.env.BENCH_RUNS ?? "5");
const OUT = path.resolve(ROOT, process.env.BENCH_OUT ?? "BENCHMARKS.md");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-bench-"));
const quietEnv = { ...process.env, CHECKPOINT_DISABLE: "1", FORCE_COLOR: "0", NO_COLOR: "1", CI: "1" };
delete quietEnv.CDKTF_OUTDIR;

let seq = 0;
/** Run one command; wall time from here, peak RSS from GNU time (max over the process tree's waited-for processes) or a Node preload. */
function measure(cmd, args, { cwd = ROOT, env = quietEnv } = {}) {
  const id = ++seq;
  const rssFile = path.join(work, `rss-${id}.txt`);
  let file = cmd;
  let argv = args;
  let runEnv = env;
  if (TIME) {
    file = TIME;
    argv = ["-f", "%M", "-o", rssFile, cmd, ...args];
  } else {
    // Fallback: every Node process of the tree appends its own maxRSS at exit; the peak is the largest.
    const preload = path.join(__dirname, "maxrss.js");
    runEnv = { ...env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require ${preload}`.trim() };
  }
  const start = performance.now();
  const r = cp.spawnSync(file, argv, { cwd, env: runEnv, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  let peakKiB = NaN;
  if (fs.existsSync(rssFile)) {
    const nums = fs.readFileSync(rssFile, "utf8").split(/\s+/).filter((s) => /^\d+$/.test(s)).map(Number);
    if (nums.length) peakKiB = Math.max(...nums);
  }
  return { seconds, peakMiB: peakKiB / 1024, status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

// ---------------------------------------------------------------- setup
const t0 = performance.now();
const log = (s) => process.stderr.write(`[bench] ${s}\n`);
log(`work dir ${work}`);
const modules = providerModules(ROOT);
const floorScript = path.join(work, "floor.js");
fs.writeFileSync(
  floorScript,
  [
    "// Floor: load cdktf and exactly the provider modules readystack's lib/ imports, then exit.",
    `const req = require("module").createRequire(${JSON.stringify(path.join(ROOT, "package.json"))});`,
    'req("cdktf");',
    ...modules.map((m) => `req(${JSON.stringify(m)});`),
    "",
  ].join("\n"),
);
const baselineDir = makeBaseline(ROOT, path.join(work, "baseline"));
const copyDir = makeProjectCopy(ROOT, path.join(work, "cli"));
const synthCwd = (i) => {
  const d = path.join(work, `synth-${i}`);
  fs.mkdirSync(d, { recursive: true });
  return d;
};
const jestBin = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
const tscBin = path.join(ROOT, "node_modules", "ts7", "bin", "tsc");
/** The app command `cdktf synth` runs (the TypeScript 7 build, then the app). */
const APP_COMMAND = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).app;

/** name → { runs, run(i) → measurement, check(measurement) → error text | undefined }. */
const okStatus = (m) => (m.status === 0 ? undefined : `exit ${m.status}: ${(m.stderr || m.stdout).trim().split("\n").slice(-5).join(" | ")}`);
const hasJson = (dir) => (m) => okStatus(m) ?? (fs.existsSync(path.join(dir, "stacks", "offgridflow", "cdk.tf.json")) ? undefined : `no cdk.tf.json in ${dir}`);
const scenarios = [
  { key: "floor", label: "Floor: `require` cdktf + the " + modules.length + " provider modules, exit", runs: RUNS, run: () => measure(process.execPath, [floorScript]), check: okStatus },
  {
    key: "synth",
    label: "readystack synth (`node --max-semi-space-size=4 dist/main.js`, as `npm run synth`; readiness on, strict)",
    runs: RUNS,
    run: (i) => {
      const cwd = synthCwd(i);
      const m = measure(process.execPath, ["--max-semi-space-size=4", path.join(ROOT, "dist", "main.js")], { cwd });
      m.check = hasJson(path.join(cwd, "cdktf.out"))(m);
      return m;
    },
  },
  {
    key: "synthSemi",
    label: "readystack synth with node's default young generation (`node dist/main.js`), for comparison",
    runs: RUNS,
    run: (i) => {
      const cwd = synthCwd(`semi-${i}`);
      const m = measure(process.execPath, [path.join(ROOT, "dist", "main.js")], { cwd });
      m.check = hasJson(path.join(cwd, "cdktf.out"))(m);
      return m;
    },
  },
  {
    key: "baseline",
    label: "Idiomatic baseline (`npx ts-node main.ts`, type-checking, root provider imports)",
    runs: Math.max(1, Math.ceil(RUNS / 2)),
    run: () => {
      fs.rmSync(path.join(baselineDir, "cdktf.out"), { recursive: true, force: true });
      const m = measure("npx", ["--no-install", "ts-node", "main.ts"], { cwd: baselineDir });
      m.check = hasJson(path.join(baselineDir, "cdktf.out"))(m);
      return m;
    },
  },
  {
    key: "app",
    label: `cdktf.json's app command alone (\`${APP_COMMAND}\`)`,
    runs: Math.max(1, Math.ceil(RUNS / 2)),
    run: (i) => {
      const out = path.join(work, `app-${i}`);
      const m = measure("sh", ["-c", APP_COMMAND], { cwd: copyDir, env: { ...quietEnv, CDKTF_OUTDIR: out } });
      m.check = hasJson(out)(m);
      return m;
    },
  },
  {
    key: "cli",
    label: "`npx cdktf synth` end to end (runs the app command above)",
    runs: Math.max(1, Math.ceil(RUNS / 2)),
    run: (i) => {
      const out = path.join(work, `cli-${i}`);
      const m = measure("npx", ["--no-install", "cdktf", "synth", "--output", out], { cwd: copyDir });
      m.check = hasJson(out)(m);
      return m;
    },
  },
  ...[1, 20, 200].map((n) => ({
    key: `scale${n}`,
    label: `Scale: ${n} ApiService${n > 1 ? "s" : ""} (HPA, PDB, NetworkPolicy flows, ingress rule each) + readiness`,
    runs: n >= 200 ? Math.max(1, Math.ceil(RUNS / 2)) : RUNS,
    run: (i) => {
      const m = measure(process.execPath, [path.join(__dirname, "scale-app.js"), String(n), path.join(work, `scale-${n}-${i}`)]);
      try {
        m.inner = JSON.parse(m.stdout.trim().split("\n").pop());
      } catch {
        m.inner = undefined;
      }
      m.check = okStatus(m) ?? (m.inner?.passed ? undefined : `readiness did not pass: ${m.inner?.error ?? m.stdout.slice(0, 300)}`);
      return m;
    },
  })),
  {
    key: "jest",
    label: "Unit + snapshot tests (`jest --testPathIgnorePatterns test/integration`)",
    runs: Math.max(1, Math.ceil(RUNS / 3)),
    run: () => {
      const m = measure(process.execPath, [jestBin, "--testPathIgnorePatterns", "test/integration"]);
      const summary = (m.stderr.match(/^Tests:.*$/m) ?? [""])[0];
      m.note = summary.replace(/\s+/g, " ").trim();
      m.check = undefined; // a failing test is reported, not a benchmark error: the time is what is measured
      return m;
    },
  },
  { key: "tsc", label: "Type-check (`tsc --noEmit -p tsconfig.json`)", runs: Math.max(1, Math.ceil(RUNS / 2)), run: () => {
    const m = measure(process.execPath, [tscBin, "--noEmit", "-p", "tsconfig.json"]);
    m.note = m.status === 0 ? "clean" : `${(m.stdout.match(/error TS/g) ?? []).length} type error(s)`;
    m.check = undefined;
    return m;
  } },
];

// ---------------------------------------------------------------- run, interleaved
const results = Object.fromEntries(scenarios.map((s) => [s.key, []]));
const errors = [];
const maxRuns = Math.max(...scenarios.map((s) => s.runs));
for (let i = 0; i < maxRuns; i++) {
  for (const s of scenarios) {
    if (i >= s.runs) continue;
    const m = s.run(i);
    const problem = m.check !== undefined ? m.check : s.check?.(m);
    log(`${s.key} #${i + 1}: ${m.seconds.toFixed(2)} s, ${m.peakMiB.toFixed(0)} MiB${problem ? `  FAILED: ${problem}` : ""}`);
    if (problem) errors.push(`${s.key} run ${i + 1}: ${problem}`);
    results[s.key].push(m);
  }
}

// ---------------------------------------------------------------- report
const S = (key) => stats(results[key].map((m) => m.seconds));
const M = (key) => stats(results[key].map((m) => m.peakMiB));
const f2 = (x) => x.toFixed(2);
const f0 = (x) => x.toFixed(0);
const rows = scenarios.map((s) => {
  const t = S(s.key);
  const mem = M(s.key);
  const extra = [];
  if (s.key.startsWith("scale")) {
    const inner = results[s.key].map((m) => m.inner).filter(Boolean);
    if (inner.length) {
      extra.push(`${inner[0].resources} resources; engine ${f0(median(inner.map((x) => x.engineMs)))} ms, synth ${f0(median(inner.map((x) => x.synthMs)))} ms, construct ${f0(median(inner.map((x) => x.constructMs)))} ms (medians, in-process)`);
    }
  }
  if (results[s.key][0]?.note) extra.push(results[s.key][0].note);
  return `| ${s.label} | ${s.runs} | **${f2(t.median)}** | ${f2(t.min)}–${f2(t.max)} | **${f0(mem.median)}** | ${f0(mem.min)}–${f0(mem.max)} | ${extra.join("; ")} |`;
});

const floor = S("floor").median;
const synth = S("synth").median;
const baseline = S("baseline").median;
const cli = S("cli").median;
const app = S("app").median;
const synthPeak = M("synth").max;
const engineMedian = (n) => median(results[`scale${n}`].map((m) => m.inner?.engineMs ?? NaN));
const scaleRatio = S("scale200").median / S("scale20").median;
const engineRatio = engineMedian(200) / engineMedian(20);
const jestT = S("jest").median;
const tscT = S("tsc").median;
const verdict = (ok) => (ok ? "holds" : "**MISSES**");
const targets = [
  ["Reference synth ≤ 1.5× floor", `${f2(synth / floor)}×`, synth / floor <= 1.5],
  ["Reference synth ≤ 0.1× idiomatic baseline", `${f2(synth / baseline)}× (baseline is ${f2(baseline / synth)}× slower)`, synth / baseline <= 0.1],
  ["Reference synth peak memory ≤ 150 MiB", `${f0(synthPeak)} MiB (max of runs, with --max-semi-space-size=4); node's default: ${f0(M("synthSemi").max)} MiB, ${f2(S("synthSemi").median)} s`, synthPeak <= 150],
  ["time(200)/time(20) ≤ 12 (whole process)", `${f2(scaleRatio)}`, scaleRatio <= 12],
  ["Readiness engine time(200)/time(20) ≤ 12", `${f2(engineRatio)} (${f0(engineMedian(20))} → ${f0(engineMedian(200))} ms)`, engineRatio <= 12],
  ["`npm test` without real-service suites ≤ 60 s (type-check + jest)", `${f2(tscT + jestT)} s (tsc ${f2(tscT)} + jest ${f2(jestT)})`, tscT + jestT <= 60],
];

const mem = os.totalmem() / 1024 ** 3;
const cpu = os.cpus()[0]?.model ?? "unknown";
const totalSeconds = (performance.now() - t0) / 1000;
const notesFile = path.join(__dirname, "NOTES.md");
const notes = fs.existsSync(notesFile) ? fs.readFileSync(notesFile, "utf8").trim() : "";
const md = `# Benchmarks

Generated by \`npm run bench\` (bench/run.js) on ${new Date().toISOString()}; the whole run took ${f0(totalSeconds)} s.
Do not edit by hand: rerun the bench. Profiling notes and before/after numbers live in bench/NOTES.md and are copied below.

## Machine

- ${os.cpus().length} CPU(s) (\`nproc\`: ${cp.execFileSync("nproc").toString().trim()}), ${cpu}
- ${mem.toFixed(1)} GiB memory, ${os.type()} ${os.release()} ${os.arch()}
- Node ${process.version}; TypeScript ${require(path.join(ROOT, "node_modules/ts7/package.json")).version} (build, type-check; native compiler) and ${require(path.join(ROOT, "node_modules/typescript/package.json")).version} (ts-node baseline); ts-node ${require(path.join(ROOT, "node_modules/ts-node/package.json")).version}; cdktf ${require(path.join(ROOT, "node_modules/cdktf/package.json")).version}; @cdktf/provider-kubernetes ${require(path.join(ROOT, "node_modules/@cdktf/provider-kubernetes/package.json")).version}

## Method

- Every row is a child process spawned by bench/run.js (\`spawnSync\`), one at a time (never two in parallel on the
  ${os.cpus().length} cores), runs interleaved round-robin across rows. Wall time is measured by the parent around the spawn.
- Peak memory is ${TIME ? "GNU `/usr/bin/time -f %M` (max RSS of the command and every descendant it waited for)" : "the largest `process.resourceUsage().maxRSS` of any Node process in the tree (bench/maxrss.js preload)"}, in MiB.
- **Floor**: a script that \`require\`s cdktf and exactly the ${modules.length} deep provider modules found by scanning lib/, stacks/, bin/ and main.ts
  for \`@cdktf/provider-*/lib/...\` imports, then exits: ${modules.map((m) => `\`${m.replace("@cdktf/provider-", "")}\``).join(", ")}.
- **readystack synth**: \`node --max-semi-space-size=4 dist/main.js\` (the \`npm run synth\` path after its build) in a fresh temp cwd, so it writes a new
  cdktf.out/ with cdk.tf.json and the readiness reports; readiness runs strict. Each run checks that cdk.tf.json exists.
- **Idiomatic baseline**: the same main.ts, lib/ and stacks/ copied to a temp dir, every deep provider import rewritten to the
  package root (\`import * as kubernetes from "@cdktf/provider-kubernetes"; import DeploymentV1 = kubernetes.deploymentV1.DeploymentV1;\`),
  a tsconfig like \`cdktf init --template=typescript\`'s (CommonJS, strict, skipLibCheck; target/lib ES2022 because the code uses it),
  node_modules symlinked, run as the template's cdktf.json does: \`npx ts-node main.ts\` (type-checking on, not transpile-only).
- **cdktf CLI**: a temp copy of the project (main.ts, lib, stacks, bin, tsconfigs, package.json, cdktf.json; node_modules symlinked);
  \`npx cdktf synth --output <tmp>\` (CHECKPOINT_DISABLE=1), and beside it the app command of cdktf.json alone with CDKTF_OUTDIR set.
  CLI overhead = CLI median − app-command median. The app command includes \`tsc -p tsconfig.build.json\`.
- **Scale**: bench/scale-app.js builds the reference ReadyStack plus N−1 further ApiServices, each with its HPA and PDB, its own
  HttpsIngress (one host, on the stack's Traefik and ClusterIssuer) and three NetworkPolicy flows (controller→api, api→postgres,
  api→redis); readiness (strict) runs in synth and must pass. Engine time is measured in-process with \`performance.now()\` around
  \`runReadiness\`.
- **Tests**: jest with @swc/jest (transpile only) over unit, snapshot, readiness and example tests (test/integration excluded),
  and \`tsc --noEmit -p tsconfig.json\`; \`npm test\` is their sum. Test failures from work in progress do not change the timing and are noted.

## Results (seconds and MiB; median, then min–max)

| Scenario | Runs | Wall s (median) | Wall s min–max | Peak MiB (median) | Peak min–max | Notes |
|---|---:|---:|---|---:|---|---|
${rows.join("\n")}

## Ratios

- readystack synth / floor: **${f2(synth / floor)}×** (${f2(synth)} s vs ${f2(floor)} s; node alone starts in ~0.06 s)
- readystack synth / idiomatic baseline: **${f2(synth / baseline)}×** — the baseline takes ${f2(baseline / synth)}× as long and ${f0(M("baseline").median)} MiB vs ${f0(M("synth").median)} MiB
- \`npx cdktf synth\`: ${f2(cli)} s; the app command alone ${f2(app)} s; CLI overhead ${f2(cli - app)} s = **${f0((100 * (cli - app)) / cli)} %** of the CLI's time
- Scale time(200)/time(20): **${f2(scaleRatio)}** whole process (${f2(S("scale20").median)} s → ${f2(S("scale200").median)} s); readiness engine alone **${f2(engineRatio)}**; time(20)/time(1): ${f2(S("scale20").median / S("scale1").median)}
- \`npm test\` without real-service suites: ${f2(tscT + jestT)} s (type-check ${f2(tscT)} s + jest ${f2(jestT)} s)

## Targets (issue 5)

| Target | Measured | Verdict |
|---|---|---|
${targets.map(([t, v, ok]) => `| ${t} | ${v} | ${verdict(ok)} |`).join("\n")}
${errors.length ? `\n## Errors during this run\n\n${errors.map((e) => `- ${e}`).join("\n")}\n` : ""}
${notes ? `\n${notes}\n` : ""}`;

fs.writeFileSync(OUT, md);
log(`wrote ${path.relative(process.cwd(), OUT)} in ${f0(totalSeconds)} s`);
for (const [t, v, ok] of targets) log(`${ok ? "ok  " : "MISS"} ${t}: ${v}`);
fs.rmSync(work, { recursive: true, force: true });
if (errors.length) {
  log(`${errors.length} error(s):\n  ${errors.join("\n  ")}`);
  process.exit(1);
}
