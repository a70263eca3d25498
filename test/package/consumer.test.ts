/**
 * The package as a new user gets it: `npm pack` (which runs prepack, the build), then `npm install` of the
 * tarball and the peer dependencies at the README's versions into a fresh consumer project in a temp dir.
 * There, the README's examples compile with tsc against the installed package and synthesize with node, the
 * README's Jest test runs with `readystack/testing`, and the installed CLI checks the output.
 *
 * npm resolves packages from its cache first (`--prefer-offline`) and from the registry otherwise, so a clean
 * CI machine with registry access runs it too. A failing install fails the test: nothing is skipped.
 */
import { spawnSync, type SpawnSyncReturns } from "child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";

const ROOT = join(__dirname, "..", "..");
jest.setTimeout(180_000);
const TEMPLATE = join(__dirname, "consumer");

/** The peer dependencies at the versions the README names. */
export const PEERS = [
  "cdktf@0.21.0",
  "constructs@10.4.2",
  "@cdktf/provider-kubernetes@12.1.1",
  "@cdktf/provider-helm@12.1.2",
  "@cdktf/provider-random@12.0.1",
];

/** The environment for child processes: none of the npm lifecycle variables of an enclosing `npm test`. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", NO_COLOR: "1", NO_UPDATE_NOTIFIER: "1" };
  for (const key of Object.keys(env)) {
    if (/^npm_(package|lifecycle|command|config_argv)/i.test(key) || key === "INIT_CWD") delete env[key];
  }
  delete env.JEST_WORKER_ID;
  return env;
}

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(command, [...args], { cwd, encoding: "utf8", env: childEnv(), maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r;
}

/** The tsc of this repository's typescript (whatever its version lays out as its bin). */
function tscBin(): string {
  const pkgPath = require.resolve("typescript/package.json", { paths: [ROOT] });
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { bin: Record<string, string> };
  return join(dirname(pkgPath), pkg.bin.tsc);
}

describe("the packed package in a fresh consumer project", () => {
  const temp = mkdtempSync(join(tmpdir(), "readystack-package-"));
  const consumer = join(temp, "consumer");
  let tarball = "";
  let packed: { path: string }[] = [];
  let install: SpawnSyncReturns<string>;
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  beforeAll(() => {
    const pack = ok(run("npm", ["pack", "--json", "--pack-destination", temp], ROOT), "npm pack");
    const report = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
    tarball = join(temp, report[0].filename);
    packed = report[0].files;

    mkdirSync(join(consumer, "src"), { recursive: true });
    writeFileSync(join(consumer, "package.json"), `${JSON.stringify({ name: "shop-infra", version: "1.0.0", private: true }, null, 2)}\n`);
    install = ok(
      run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, ...PEERS], consumer),
      "npm install",
    );

    // The consumer's sources: the template, plus the README's import example with the package's own name.
    copyFileSync(join(TEMPLATE, "tsconfig.json"), join(consumer, "tsconfig.json"));
    mkdirSync(join(consumer, "migrations"));
    for (const f of readdirSync(join(TEMPLATE, "migrations"))) copyFileSync(join(TEMPLATE, "migrations", f), join(consumer, "migrations", f));
    for (const f of readdirSync(join(TEMPLATE, "src"))) copyFileSync(join(TEMPLATE, "src", f), join(consumer, "src", f.replace(/\.in$/, "")));
    const example = readFileSync(join(ROOT, "examples", "import-into-existing-stack.ts"), "utf8");
    expect(example).toContain('from "../lib"');
    writeFileSync(join(consumer, "src", "shop.ts"), example.replace('from "../lib"', 'from "readystack"'));
  }, 240_000);

  test("the tarball holds the built library, the CLI, the scripts, the chart, LICENSE and README, and no sources or tests", () => {
    const paths = packed.map((f) => f.path);
    for (const p of [
      "LICENSE",
      "README.md",
      "package.json",
      "bin/readystack.js",
      "dist/bin/cli.js",
      "dist/lib/index.js",
      "dist/lib/index.d.ts",
      "dist/lib/testing/index.js",
      "dist/lib/testing/index.d.ts",
      "lib/scripts/backup.sh",
      "lib/scripts/verify-restore.sh",
      "lib/scripts/migrate.sh",
      "lib/ingress/charts/manifests/Chart.yaml",
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.filter((p) => /^(test|stacks|examples|bench|src)\/|^dist\/(main|stacks)|\.ts$(?<!\.d\.ts)/.test(p))).toEqual([]);
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  });

  test("npm install of the tarball and the peer dependencies prints no warning", () => {
    const output = `${install.stdout}\n${install.stderr}`;
    expect(output.split("\n").filter((l) => /\bwarn|WARN|deprecated|ERESOLVE/i.test(l))).toEqual([]);
    expect(existsSync(join(consumer, "node_modules", "readystack", "dist", "lib", "index.js"))).toBe(true);
    const installed = JSON.parse(readFileSync(join(consumer, "node_modules", "readystack", "package.json"), "utf8")) as { scripts?: Record<string, string> };
    expect(installed.scripts?.prepare).toBeUndefined(); // npm 11 warns about a prepare script on every install of a dependency
    expect(installed.scripts?.prepack).toBeDefined();
  });

  test("the README's examples type-check against the installed package (node10 resolution, as cdktf init sets up)", () => {
    const typeRoots = join(ROOT, "node_modules", "@types");
    ok(run(process.execPath, [tscBin(), "-p", "tsconfig.json", "--typeRoots", typeRoots], consumer), "tsc in the consumer");
    expect(existsSync(join(consumer, "out", "shop.js"))).toBe(true);
  });

  test("the two-construct example synthesizes with node", () => {
    ok(run(process.execPath, ["out/shop.js"], consumer), "node out/shop.js");
    const json = JSON.parse(readFileSync(join(consumer, "cdktf.out", "stacks", "shop", "cdk.tf.json"), "utf8"));
    expect(Object.keys(json.resource.kubernetes_deployment_v1)).toHaveLength(1);
    expect(Object.keys(json.resource.kubernetes_stateful_set_v1)).toHaveLength(1);
  });

  test("Readiness.check on that stack fails synth as the README says, naming each missing piece, and writes the reports", () => {
    const r = run(process.execPath, ["out/shop-checked.js"], consumer);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^readiness check failed for stack shop: \d+ error finding\(s\)/);
    expect(r.stderr).toContain("RS-MIGRATIONS-JOB");
    expect(r.stderr).not.toMatch(/^ {4}at /m);
    expect(existsSync(join(consumer, "cdktf.out", "stacks", "shop", "readiness.json"))).toBe(true);
  });

  test("the README's ReadyStack synthesizes with its reports, and the installed CLI passes it", () => {
    ok(run(process.execPath, ["out/ready.js"], consumer), "node out/ready.js");
    const dir = join(consumer, "cdktf.out", "stacks", "shop");
    for (const f of ["cdk.tf.json", "readiness.json", "readiness.md", "readiness.sarif", ".env.example"]) expect(existsSync(join(dir, f))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "readiness.json"), "utf8")).passed).toBe(true);
    const cli = run(join(consumer, "node_modules", ".bin", "readystack"), ["check", "cdktf.out"], consumer);
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
  });

  test("the README's Jest test runs with readystack/testing: a snapshot and a failing readiness case", () => {
    const jest = join(dirname(require.resolve("jest/package.json", { paths: [ROOT] })), "bin", "jest.js");
    const config = JSON.stringify({ rootDir: consumer, roots: ["<rootDir>/out"], testEnvironment: "node", transform: {} });
    const r = ok(run(process.execPath, [jest, "--config", config, "--ci=false", "--maxWorkers=1"], consumer), "jest in the consumer");
    expect(r.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(r.stderr).toMatch(/1 snapshot written/);
  });
});
