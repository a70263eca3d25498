"use strict";
/**
 * `npm run bench`: the user's whole synth command and the synth alone, measured side by side in ONE run against
 * the cdktf-emitting floor (a plain cdktf program that emits the same resources through TerraformResource, built
 * here from the reference stack's cdk.tf.json) and the idiomatic `cdktf init` setup (ts-node, root provider imports).
 * Every measurement is a child process, one at a time; repetitions alternate round-robin across rows so drift on
 * the shared machine hits every row alike; figures are medians. Writes BENCHMARKS.md-ready Markdown.
 *
 * Flags: --with-test (time `npm test` once), --profile (CPU profile breakdown, bench/profile.js), --with-cli
 * (`npx cdktf synth` rows), --with-scale (scale rows), --out <file> (default BENCHMARKS.md; "-" for stdout).
 * Env: BENCH_RUNS (default 5) scales every run count; BENCH_EDIT_FILE (default lib/api/api-service.ts) is the file
 * the one-file-change row edits (a comment appended in a copy of the project); READYSTACK_HELM and
 * READYSTACK_CHARTS_DIR (default ../shared/charts) enable the synth-with-chart-rendering row.
 */
const cp = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { performance } = require("perf_hooks");
const { makeBaseline, makeProjectCopy, providerModules, writeFloorSpec, floorOutputDiff } = require("./scenarios");
const { profileRuns } = require("./profile");

const ROOT = path.join(__dirname, "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const outArg = args.includes("--out") ? args[args.indexOf("--out") + 1] : undefined;
const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const RUNS = Number(process.env.BENCH_RUNS ?? "5");
const OUT = outArg === "-" ? "-" : path.resolve(ROOT, outArg ?? process.env.BENCH_OUT ?? "BENCHMARKS.md");
const EDIT_FILE = process.env.BENCH_EDIT_FILE ?? "lib/api/api-service.ts";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-bench-"));
const quietEnv = { ...process.env, CHECKPOINT_DISABLE: "1", FORCE_COLOR: "0", NO_COLOR: "1", BENCH_ROOT: ROOT };
delete quietEnv.CDKTF_OUTDIR;
/** The synth rows without rendering run with neither variable, whatever the caller's environment holds. */
delete quietEnv.READYSTACK_HELM;
delete quietEnv.READYSTACK_CHARTS_DIR;
const loadStart = os.loadavg();

let seq = 0;
/** Run one command; wall time from here, peak RSS from GNU time (max over the process tree's waited-for processes) or a Node preload. */
function measure(cmd, argv, { cwd = ROOT, env = quietEnv } = {}) {
  const id = ++seq;
  const rssFile = path.join(work, `rss-${id}.txt`);
  let file = cmd;
  let fullArgs = argv;
  let runEnv = env;
  if (TIME) {
    file = TIME;
    fullArgs = ["-f", "%M %U %S", "-o", rssFile, cmd, ...argv];
  } else {
    // Fallback: every Node process of the tree appends its own maxRSS at exit; the peak is the largest.
    const preload = path.join(__dirname, "maxrss.js");
    runEnv = { ...env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require ${preload}`.trim() };
  }
  const start = performance.now();
  const r = cp.spawnSync(file, fullArgs, { cwd, env: runEnv, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  let peakKiB = NaN;
  let cpu = NaN;
  if (fs.existsSync(rssFile)) {
    const text = fs.readFileSync(rssFile, "utf8").trim();
    if (TIME) {
      // GNU time's last line: "<max RSS KiB> <user s> <system s>" (a "Command exited with non-zero status" line may precede it).
      const [rss, user, sys] = text.split("\n").pop().trim().split(/\s+/).map(Number);
      peakKiB = rss;
      cpu = user + sys;
    } else {
      const nums = text.split(/\s+/).filter((s) => /^\d+$/.test(s)).map(Number);
      if (nums.length) peakKiB = Math.max(...nums);
    }
  }
  return { seconds, cpu, peakMiB: peakKiB / 1024, status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
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
log(`work dir ${work}; load average ${loadStart.map((x) => x.toFixed(2)).join(", ")}`);
const modules = providerModules(ROOT);
const floorSpec = writeFloorSpec(ROOT, work);
const floorJson = JSON.parse(fs.readFileSync(floorSpec, "utf8")).json;
const resourceCount = Object.values(floorJson.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
const baselineDir = makeBaseline(ROOT, path.join(work, "baseline"));
const freshDir = makeProjectCopy(ROOT, path.join(work, "fresh"));
const editDir = makeProjectCopy(ROOT, path.join(work, "edit"));
const editPath = path.join(editDir, EDIT_FILE);
if (!fs.existsSync(editPath)) throw new Error(`BENCH_EDIT_FILE=${EDIT_FILE} is not a file of the project; name a .ts file under lib/`);
const editOriginal = fs.readFileSync(editPath, "utf8");
const dirFor = (name) => {
  const d = path.join(work, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
};
const mainJs = path.join(ROOT, "dist", "main.js");
const jsonIn = (outdir) => path.join(outdir, "stacks", "offgridflow", "cdk.tf.json");
const okStatus = (m) => (m.status === 0 ? undefined : `exit ${m.status}: ${(m.stderr || m.stdout).trim().split("\n").slice(-5).join(" | ")}`);
const hasJson = (outdir) => (m) => okStatus(m) ?? (fs.existsSync(jsonIn(outdir)) ? undefined : `no cdk.tf.json in ${outdir}`);
const sameJson = (outdir) => (m) => okStatus(m) ?? floorOutputDiff(floorSpec, outdir);

// The one-file-change row needs a build cache to change against: one unmeasured `npm run synth` in its copy.
{
  const warm = measure("npm", ["run", "--silent", "synth"], { cwd: editDir });
  if (warm.status !== 0) throw new Error(`warm-up build in ${editDir} failed: ${okStatus(warm)}`);
}

// Chart rendering: READYSTACK_HELM (or helm on PATH) and a charts directory. The synth sees a wrapper that counts
// its helm calls, so the row says whether this build's synth rendered anything.
const whichHelm = () => {
  const r = cp.spawnSync("sh", ["-c", "command -v helm"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
};
const realHelm = process.env.READYSTACK_HELM || whichHelm();
const chartsDir = path.resolve(ROOT, process.env.READYSTACK_CHARTS_DIR ?? "../shared/charts");
const helmCalls = path.join(work, "helm-calls.txt");
const helmWrapper = path.join(work, "helm");
let renderSkip;
if (!realHelm || !fs.existsSync(realHelm)) renderSkip = "no helm binary (set READYSTACK_HELM or put helm on PATH)";
else if (!fs.existsSync(chartsDir)) renderSkip = `no charts directory ${chartsDir} (set READYSTACK_CHARTS_DIR)`;
else {
  fs.writeFileSync(helmWrapper, `#!/bin/sh\necho "$1" >> ${JSON.stringify(helmCalls)}\nexec ${JSON.stringify(realHelm)} "$@"\n`, { mode: 0o755 });
}
const renderEnv = { ...quietEnv, READYSTACK_HELM: helmWrapper, READYSTACK_CHARTS_DIR: chartsDir };
const countHelmCalls = () => {
  if (!fs.existsSync(helmCalls)) return 0;
  const n = fs.readFileSync(helmCalls, "utf8").split("\n").filter(Boolean).length;
  fs.rmSync(helmCalls);
  return n;
};

const APP_COMMAND = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).app;
const half = Math.max(1, Math.ceil(RUNS / 2));

/** key → { label, runs, run(i) → measurement (m.check: error text or undefined) }. */
const scenarios = [
  {
    key: "floor",
    label: `cdktf-emitting floor: \`node bench/emit-floor.js\`, cdktf + the ${modules.length} provider modules, ${resourceCount} resources emitted through \`TerraformResource\` with literal bodies`,
    runs: RUNS,
    run: (i) => {
      const out = dirFor(`floor-${i}`);
      const m = measure(process.execPath, [path.join(__dirname, "emit-floor.js"), floorSpec, out], { cwd: out });
      m.check = sameJson(out)(m);
      return m;
    },
  },
  {
    key: "synth",
    label: "synth alone: `node --max-semi-space-size=4 dist/main.js` after a build (the second half of `npm run synth`), no chart rendering",
    runs: RUNS,
    run: (i) => {
      const cwd = dirFor(`synth-${i}`);
      const m = measure(process.execPath, ["--max-semi-space-size=4", mainJs], { cwd });
      m.check = sameJson(path.join(cwd, "cdktf.out"))(m);
      return m;
    },
  },
  {
    key: "noTraces",
    label: "synth alone with cdktf's token stack traces off (bench/no-stack-traces.js preload; what an upstream switch would save)",
    runs: RUNS,
    run: (i) => {
      const cwd = dirFor(`notraces-${i}`);
      const m = measure(process.execPath, ["--require", path.join(__dirname, "no-stack-traces.js"), "--max-semi-space-size=4", mainJs], { cwd });
      m.check = sameJson(path.join(cwd, "cdktf.out"))(m);
      return m;
    },
  },
  ...(renderSkip
    ? []
    : [
        {
          key: "render",
          label: "synth alone with chart rendering (READYSTACK_HELM and READYSTACK_CHARTS_DIR set)",
          runs: half,
          run: (i) => {
            const cwd = dirFor(`render-${i}`);
            countHelmCalls();
            const m = measure(process.execPath, ["--max-semi-space-size=4", mainJs], { cwd, env: renderEnv });
            const calls = countHelmCalls();
            m.note = calls ? `${calls} helm call(s) per synth` : "this build's synth called helm 0 times: nothing was rendered";
            m.rendered = calls > 0;
            m.check = hasJson(path.join(cwd, "cdktf.out"))(m);
            return m;
          },
        },
      ]),
  {
    key: "fresh",
    label: "`npm run synth`, fresh: build + synth in a copy of the project, dist/ and its build cache removed (node_modules kept)",
    runs: RUNS,
    run: () => {
      fs.rmSync(path.join(freshDir, "dist"), { recursive: true, force: true });
      fs.rmSync(path.join(freshDir, "cdktf.out"), { recursive: true, force: true });
      const m = measure("npm", ["run", "synth"], { cwd: freshDir });
      m.check = hasJson(path.join(freshDir, "cdktf.out"))(m);
      return m;
    },
  },
  {
    key: "edit",
    label: `\`npm run synth\` after a one-file change: a comment appended to ${EDIT_FILE} (restored after), incremental build + synth`,
    runs: RUNS,
    run: (i) => {
      fs.writeFileSync(editPath, `${editOriginal}\n// bench edit ${i} ${Date.now()}\n`);
      try {
        const m = measure("npm", ["run", "synth"], { cwd: editDir });
        m.check = hasJson(path.join(editDir, "cdktf.out"))(m);
        return m;
      } finally {
        fs.writeFileSync(editPath, editOriginal);
      }
    },
  },
  {
    key: "baseline",
    label: "idiomatic `cdktf init` way: `npx ts-node main.ts` (type-checking, root provider imports)",
    runs: half,
    run: () => {
      fs.rmSync(path.join(baselineDir, "cdktf.out"), { recursive: true, force: true });
      const m = measure("npx", ["--no-install", "ts-node", "main.ts"], { cwd: baselineDir });
      m.check = hasJson(path.join(baselineDir, "cdktf.out"))(m);
      return m;
    },
  },
  ...(flag("--with-cli")
    ? [
        {
          key: "app",
          label: `cdktf.json's app command alone (\`${APP_COMMAND}\`)`,
          runs: half,
          run: (i) => {
            const out = path.join(work, `app-${i}`);
            const m = measure("sh", ["-c", APP_COMMAND], { cwd: editDir, env: { ...quietEnv, CDKTF_OUTDIR: out } });
            m.check = hasJson(out)(m);
            return m;
          },
        },
        {
          key: "cli",
          label: "`npx cdktf synth` end to end (runs the app command above)",
          runs: half,
          run: (i) => {
            const out = path.join(work, `cli-${i}`);
            const m = measure("npx", ["--no-install", "cdktf", "synth", "--output", out], { cwd: editDir });
            m.check = hasJson(out)(m);
            return m;
          },
        },
      ]
    : []),
  ...(flag("--with-scale")
    ? [1, 20, 200].map((n) => ({
        key: `scale${n}`,
        label: `Scale: ${n} ApiService${n > 1 ? "s" : ""} (HPA, PDB, NetworkPolicy flows, ingress rule each) + readiness`,
        runs: n >= 200 ? half : RUNS,
        run: (i) => {
          const m = measure(process.execPath, [path.join(__dirname, "scale-app.js"), String(n), path.join(work, `scale-${n}-${i}`)]);
          let inner;
          try {
            inner = JSON.parse(m.stdout.trim().split("\n").pop());
          } catch {
            inner = undefined;
          }
          if (inner) m.note = `${inner.resources} resources; engine ${inner.engineMs.toFixed(0)} ms, synth ${inner.synthMs.toFixed(0)} ms, construct ${inner.constructMs.toFixed(0)} ms (in-process)`;
          m.check = okStatus(m) ?? (inner?.passed ? undefined : `readiness did not pass: ${inner?.error ?? m.stdout.slice(0, 300)}`);
          return m;
        },
      }))
    : []),
];

// ---------------------------------------------------------------- run, interleaved
const results = Object.fromEntries(scenarios.map((s) => [s.key, []]));
const errors = [];
const record = (s, i, m) => {
  log(`${s.key} #${i + 1}: ${m.seconds.toFixed(2)} s (CPU ${m.cpu.toFixed(2)} s), ${m.peakMiB.toFixed(0)} MiB${m.note ? ` (${m.note})` : ""}${m.check ? `  FAILED: ${m.check}` : ""}`);
  if (m.check) errors.push(`${s.key} run ${i + 1}: ${m.check}`);
  results[s.key].push(m);
};
const maxRuns = Math.max(...scenarios.map((s) => s.runs));
for (let i = 0; i < maxRuns; i++) for (const s of scenarios) if (i < s.runs) record(s, i, s.run(i));

// `npm test` (once by default: it takes a while), after the alternating rows.
const testRow = {
  key: "test",
  label: "`npm test` (type-check + every jest suite, the project's jest config: 2 workers)",
  runs: Number(process.env.BENCH_TEST_RUNS ?? "1"),
  run: () => {
    const env = { ...process.env, FORCE_COLOR: "0" };
    if (!env.READYSTACK_HELM && realHelm) env.READYSTACK_HELM = realHelm;
    const m = measure("npm", ["test"], { env });
    const summary = (`${m.stderr}\n${m.stdout}`.match(/^Tests:.*$/m) ?? [""])[0].replace(/\s+/g, " ").trim();
    // The project's reporter prints "PASS <file> (<n> passed, <s> s)" per test file: the slowest say where the time goes.
    const suites = [...`${m.stdout}\n${m.stderr}`.matchAll(/^(?:PASS|FAIL) (\S+) \(.*?, ([\d.]+) s\)$/gm)].map((x) => ({ file: x[1], s: Number(x[2]) }));
    suites.sort((a, b) => b.s - a.s);
    const suiteSum = suites.reduce((n, x) => n + x.s, 0);
    const slowest = suites.slice(0, 5).map((x) => `${x.file} ${x.s.toFixed(1)} s`).join(", ");
    m.note = `${summary || "no jest summary"}${m.status === 0 ? "" : `; exit ${m.status}`}${suites.length ? `; ${suites.length} test files, ${suiteSum.toFixed(0)} s summed over the workers; slowest: ${slowest}` : ""}`;
    m.check = undefined; // a failing test is reported in the note; the wall time is what is measured
    return m;
  },
};
if (flag("--with-test")) {
  scenarios.push(testRow);
  results.test = [];
  for (let i = 0; i < testRow.runs; i++) record(testRow, i, testRow.run(i));
}

let profileMd;
if (flag("--profile")) {
  try {
    profileMd = profileRuns({ root: ROOT, work, floorSpec, runs: Math.max(3, RUNS), log });
  } catch (e) {
    errors.push(`profile: ${e.message}`);
  }
}
const loadEnd = os.loadavg();

// ---------------------------------------------------------------- report
const has = (key) => (results[key] ?? []).length > 0;
const S = (key) => stats(results[key].map((m) => m.seconds));
const M = (key) => stats(results[key].map((m) => m.peakMiB));
const C = (key) => stats(results[key].map((m) => m.cpu));
const f2 = (x) => x.toFixed(2);
const f0 = (x) => x.toFixed(0);
const rows = scenarios.map((s) => {
  const t = S(s.key);
  const mem = M(s.key);
  const notes = [...new Set(results[s.key].map((m) => m.note).filter(Boolean))];
  return `| ${s.label} | ${results[s.key].length} | **${f2(t.median)}** | ${f2(t.min)}–${f2(t.max)} | ${f2(C(s.key).median)} | **${f0(mem.median)}** | ${f0(mem.min)}–${f0(mem.max)} | ${notes.join("; ")} |`;
});

const floor = S("floor").median;
const synth = S("synth").median;
const ratio = (key) => S(key).median / floor;
/** The same ratio on CPU time (user + system, the process tree): less sensitive to other people's load than wall time. */
const cpuRatio = (key, over = "floor") => `${f2(C(key).median / C(over).median)}×`;
const verdict = (ok) => (ok === undefined ? "not measured" : ok ? "met" : "**missed**");
const renderRows = results.render ?? [];
const rendered = renderRows.some((m) => m.rendered);
const renderFigure = renderSkip
  ? `with chart rendering: not measured (${renderSkip})`
  : `with chart rendering: ${f0(M("render").max)} MiB peak, ${f2(S("render").median)} s${rendered ? "" : " — but this build's synth called helm 0 times, so nothing was rendered"}`;
const targets = [
  ["`npm run synth` fresh (build + synth, no build cache) / floor ≤ 4×", `${f2(ratio("fresh"))}× (${f2(S("fresh").median)} s vs ${f2(floor)} s; on CPU time ${cpuRatio("fresh")})`, ratio("fresh") <= 4],
  ["`npm run synth` after a one-file change / floor ≤ 2.5×", `${f2(ratio("edit"))}× (${f2(S("edit").median)} s vs ${f2(floor)} s; on CPU time ${cpuRatio("edit")})`, ratio("edit") <= 2.5],
  ["synth alone / floor ≤ 1.3×", `${f2(ratio("synth"))}× (${f2(synth)} s vs ${f2(floor)} s; on CPU time ${cpuRatio("synth")})`, ratio("synth") <= 1.3],
  ["synth / idiomatic `cdktf init` way ≤ 0.1×", `${f2(synth / S("baseline").median)}× (${f2(synth)} s vs ${f2(S("baseline").median)} s; on CPU time ${cpuRatio("synth", "baseline")})`, synth / S("baseline").median <= 0.1],
  ["peak memory of the synth, no chart rendering ≤ 150 MiB", `${f0(M("synth").max)} MiB (largest of ${results.synth.length} runs; median ${f0(M("synth").median)}); ${renderFigure}`, M("synth").max <= 150],
  ["`npm test` wall on 2 cores ≤ 30 s", has("test") ? `${f2(S("test").median)} s (${results.test[0].note})` : "not run (pass --with-test)", has("test") ? S("test").median <= 30 : undefined],
];

const ver = (p) => {
  try {
    return require(path.join(ROOT, "node_modules", p, "package.json")).version;
  } catch {
    return "?";
  }
};
const mem = os.totalmem() / 1024 ** 3;
const cpu = os.cpus()[0]?.model ?? "unknown";
const totalSeconds = (performance.now() - t0) / 1000;
const notesFile = path.join(__dirname, "NOTES.md");
const notes = fs.existsSync(notesFile) ? fs.readFileSync(notesFile, "utf8").trim() : "";
const la = (l) => l.map((x) => x.toFixed(2)).join(" / ");
const md = `# Benchmarks

Generated by \`npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}\` (bench/run.js) on ${new Date().toISOString()}; the whole run took ${f0(totalSeconds)} s.
Do not edit by hand: rerun the bench. Profiling notes live in bench/NOTES.md and are copied below.

## Machine

- ${os.cpus().length} CPU(s) (\`nproc\`: ${cp.execFileSync("nproc").toString().trim()}), ${cpu}; ${mem.toFixed(1)} GiB memory, ${os.type()} ${os.release()} ${os.arch()}
- Node ${process.version}; TypeScript ${ver("ts7")} (build, type-check; native compiler) and ${ver("typescript")} (ts-node baseline); ts-node ${ver("ts-node")}; cdktf ${ver("cdktf")}; @cdktf/provider-kubernetes ${ver("@cdktf/provider-kubernetes")}
- **Shared machine**: other people's jobs run beside the bench. Load average (1 / 5 / 15 min) at the start **${la(loadStart)}**, at the end **${la(loadEnd)}**
  (${os.cpus().length} cores). Absolute seconds move with that load; the ratios compare rows measured in the same alternating rounds.

## Method

- Every row is a child process spawned by bench/run.js (\`spawnSync\`), one at a time; repetitions alternate round-robin across
  the rows (floor, synth, …, floor, synth, …), and each figure is the median of its row. Wall time is measured around the spawn.
- Peak memory and CPU time are ${TIME ? "GNU `/usr/bin/time -f '%M %U %S'` (the largest max RSS among the command and the descendants it waited for; user + system CPU seconds of them all)" : "the largest `process.resourceUsage().maxRSS` of any Node process in the tree (bench/maxrss.js preload; no CPU time)"}. The verdicts use wall time; the CPU-time ratio beside each is the cross-check on a loaded machine.
- **cdktf-emitting floor**: at bench time the reference stack is synthesized once (\`node dist/main.js\`), and bench/emit-floor.js, a plain
  cdktf program, loads cdktf and the same ${modules.length} deep provider modules readystack imports, then emits every block of that cdk.tf.json through
  cdktf's generic classes: one \`TerraformResource\` per resource (${resourceCount}; \`terraformResourceType\`, \`overrideLogicalId\`, the literal body by
  \`addOverride\`), a \`TerraformProvider\` per provider block, a \`TerraformBackend\` and the \`terraform\` block, and calls \`app.synth()\`. Every
  floor run's cdk.tf.json is checked equal to readystack's (keys sorted, cdktf's own "//" metadata aside). No constructs, tokens or readiness.
- **synth alone**: \`node --max-semi-space-size=4 dist/main.js\` (what \`npm run synth\` runs after its build) in a fresh cwd: it writes cdktf.out/
  with cdk.tf.json, the chart assets, .env.example and the readiness reports (strict). Every run's cdk.tf.json is checked equal to the floor's input.
  READYSTACK_HELM and READYSTACK_CHARTS_DIR are unset for it; the rendering row sets both (a wrapper around the helm binary counts its calls).
- **\`npm run synth\`** rows run the project's own script (\`npm run synth\`: bin/transpile.js, an swc transpile of the changed files, then the synth) in a copy of the project
  (main.ts, lib, stacks, bin, tools, tsconfigs, package.json, cdktf.json; node_modules symlinked). *Fresh*: dist/ (and its build cache
  dist/.cache) and cdktf.out/ removed before each run. *One-file change*: a second copy, built once unmeasured; before each run a
  different comment is appended to ${EDIT_FILE}, so every run rebuilds against the previous run's cache; the file is restored after.
- **Idiomatic \`cdktf init\` way**: the same main.ts, lib/ and stacks/ copied, every deep provider import rewritten to the package root
  (\`import * as kubernetes from "@cdktf/provider-kubernetes"; import DeploymentV1 = kubernetes.deploymentV1.DeploymentV1;\`),
  the template's tsconfig (CommonJS, strict, skipLibCheck; target/lib ES2022), run as its cdktf.json does: \`npx ts-node main.ts\` (type-checking on).
- **Token stack traces off**: the synth with bench/no-stack-traces.js preloaded, which replaces cdktf's exported \`captureStackTrace\` with
  one returning [] in that process (cdktf's files untouched): the saving an upstream switch would give.
- **\`npm test\`** (with \`--with-test\`): the project's \`npm test\` in the repository, once, after the other rows (${has("test") ? "run in this report" : "not run in this report"}).

## Results (seconds and MiB; median, then min–max)

| Row | Runs | Wall s (median) | Wall s min–max | CPU s (median) | Peak MiB (median) | Peak min–max | Notes |
|---|---:|---:|---|---:|---:|---|---|
${rows.join("\n")}

## Targets

| Figure | Target | Measured (this run) | Verdict |
|---|---|---|---|
${targets.map(([t, v, ok]) => { const [fig, tgt] = t.split(/ (?=≤)/); return `| ${fig} | ${tgt} | ${v} | ${verdict(ok)} |`; }).join("\n")}

With cdktf's token stack traces off, the synth took ${f2(S("noTraces").median)} s vs ${f2(synth)} s (${f2(S("noTraces").median / floor)}× the floor; CPU ${f2(C("noTraces").median)} s vs ${f2(C("synth").median)} s), peak ${f0(M("noTraces").max)} MiB.
${errors.length ? `\n## Errors during this run\n\n${errors.map((e) => `- ${e}`).join("\n")}\n` : ""}${profileMd ? `\n## CPU profile: where the synth's time over the floor goes (this run)\n\n${profileMd}\n` : ""}
${notes ? `\n${notes}\n` : ""}`;

if (OUT === "-") process.stdout.write(md);
else fs.writeFileSync(OUT, md);
log(`wrote ${OUT === "-" ? "stdout" : path.relative(process.cwd(), OUT)} in ${f0(totalSeconds)} s; load average at the end ${la(loadEnd)}`);
for (const [t, v, ok] of targets) log(`${ok === undefined ? "n/a " : ok ? "met " : "MISS"} ${t}: ${v}`);
fs.rmSync(work, { recursive: true, force: true });
if (errors.length) {
  log(`${errors.length} error(s):\n  ${errors.join("\n  ")}`);
  process.exit(1);
}
