/**
 * What a person sees when a prop is wrong or the stack is not ready, under the three ways an app runs:
 * `node`, `ts-node` and `cdktf synth`. The message must appear once and no stack frame (`    at f (file:1:2)`)
 * may follow it. cdktf synth runs the app as a child and prints its output twice: live while it runs
 * (stdout), then again in its error summary (stderr); each stream must hold the message once.
 *
 * The apps use the library compiled with swc into a temp dir laid out like the package (dist/lib beside lib/),
 * so this test does not depend on a prior `npm run build`.
 */
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join, relative } from "path";
import { transformFileSync } from "@swc/core";

const ROOT = join(__dirname, "..", "..");
jest.setTimeout(180_000);
const BIN = join(ROOT, "node_modules", ".bin");
/** A stack frame, however indented: `at name (file:line:col)` or `at file:line:col`. */
const FRAME = /^\s+at .*:\d+:\d+\)?$/m;

const BAD_PROP = `s/db: invalid storageSize "1Gb"; expected a positive byte quantity`;
const NOT_READY = "readiness check failed for stack shop: 1 error finding(s)";

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Compile lib/**\/*.ts to <pkg>/dist/lib with swc (transpile only), beside links to lib/, package.json, node_modules. */
function compileLibrary(pkg: string): void {
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) {
        const out = join(pkg, "dist", relative(ROOT, file)).replace(/\.ts$/, ".js");
        mkdirSync(dirname(out), { recursive: true });
        const { code } = transformFileSync(file, {
          jsc: { parser: { syntax: "typescript" }, target: "es2022" },
          module: { type: "commonjs" },
          swcrc: false,
        });
        writeFileSync(out, code);
      }
    }
  };
  walk(join(ROOT, "lib"));
  symlinkSync(join(ROOT, "lib"), join(pkg, "lib"), "dir");
  symlinkSync(join(ROOT, "package.json"), join(pkg, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(pkg, "node_modules"), "dir");
}

const READY_STACK = (lib: string, minReplicas: number): string => `
const { App } = require("cdktf");
const { ReadyStack } = require(${JSON.stringify(lib)});
const app = new App();
new ReadyStack(app, "shop", {
  namespace: "shop",
  backend: { kubernetes: { secretSuffix: "shop", namespace: "kube-system" } },
  api: { image: "ghcr.io/example/shop-api:2.3.0", port: 8080, autoscaling: { minReplicas: ${minReplicas} } },
  migrations: { command: ["/app/migrate", "up"] },
  ingress: { hosts: ["api.shop.example"], acmeEmail: "ops@shop.example" },
  backup: { offsite: { bucket: "shop-db-backups", prefix: "shop/postgres", credentials: { secretName: "postgres-backup-s3" } } },
});
`;

describe("error output under node, ts-node and cdktf synth", () => {
  const temp = mkdtempSync(join(tmpdir(), "readystack-errors-"));
  const app = join(temp, "app");
  const lib = join(temp, "pkg", "dist", "lib");
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  beforeAll(() => {
    compileLibrary(join(temp, "pkg"));
    mkdirSync(app);
    symlinkSync(join(ROOT, "node_modules"), join(app, "node_modules"), "dir");
    const badProp = `
const { App, TerraformStack } = require("cdktf");
const { PostgresDatabase } = require(${JSON.stringify(lib)});
const app = new App();
new PostgresDatabase(new TerraformStack(app, "s"), "db", { namespace: "shop", storageSize: "1Gb" });
app.synth();
`;
    writeFileSync(join(app, "bad-prop.js"), badProp);
    writeFileSync(join(app, "not-ready.js"), `${READY_STACK(lib, 1)}app.synth();\n`);
    // The main.ts pattern the README documents: catch, print the message, exit 1.
    writeFileSync(
      join(app, "not-ready-main.js"),
      `${READY_STACK(lib, 1)}try {\n  app.synth();\n} catch (e) {\n  process.stderr.write(e.message + "\\n");\n  process.exit(1);\n}\n`,
    );
    // ts-node: the same bad prop, from TypeScript sources of the library.
    writeFileSync(
      join(app, "bad-prop.ts"),
      `import { App, TerraformStack } from "cdktf";\nimport { PostgresDatabase } from ${JSON.stringify(join(ROOT, "lib"))};\n` +
        `const app = new App();\nnew PostgresDatabase(new TerraformStack(app, "s"), "db", { namespace: "shop", storageSize: "1Gb" });\napp.synth();\n`,
    );
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "commonjs", target: "es2022", strict: true, esModuleInterop: true, skipLibCheck: true } }));
  }, 60_000);

  function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    const r = spawnSync(command, args, {
      cwd: app,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", NO_COLOR: "1", FORCE_COLOR: "0", CI: "1", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    return r;
  }

  test("node: a bad prop prints its message once, without stack frames", () => {
    const r = run(process.execPath, ["bad-prop.js"]);
    expect(r.status).toBe(1);
    expect(count(r.stderr, BAD_PROP)).toBe(1);
    expect(r.stderr).not.toMatch(FRAME);
  });

  test("node: a readiness failure prints its message once, naming the rule and construct, without stack frames", () => {
    const r = run(process.execPath, ["not-ready.js"]);
    expect(r.status).toBe(1);
    expect(count(r.stderr, NOT_READY)).toBe(1);
    expect(r.stderr).toMatch(/RS-HPA-REPLICAS \S+ \(shop\/api\/hpa\)/);
    expect(r.stderr).not.toMatch(FRAME);
    expect(r.stderr).not.toContain("Validation failed"); // cdktf's wrapper, which carried its own frames
  });

  test("node with the main.ts pattern: stderr is the message alone", () => {
    const r = run(process.execPath, ["not-ready-main.js"]);
    expect(r.status).toBe(1);
    expect(r.stderr.startsWith(NOT_READY)).toBe(true);
    expect(count(r.stderr, NOT_READY)).toBe(1);
    expect(r.stderr).not.toMatch(FRAME);
  });

  test("ts-node: a bad prop prints its message once, without stack frames", () => {
    const r = run(join(BIN, "ts-node"), ["--transpile-only", "bad-prop.ts"]);
    expect(r.status).toBe(1);
    expect(count(r.stderr, BAD_PROP)).toBe(1);
    expect(r.stderr).not.toMatch(FRAME);
  });

  test.each([
    ["a bad prop", "bad-prop.js", BAD_PROP],
    ["a readiness failure", "not-ready.js", NOT_READY],
  ])("cdktf synth: %s prints its message once per stream (live, then in cdktf's summary), without stack frames", (_what, file, message) => {
    writeFileSync(join(app, "cdktf.json"), JSON.stringify({ language: "typescript", app: `node ${file}`, sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }));
    const r = run(join(BIN, "cdktf"), ["synth"]);
    expect(r.status).not.toBe(0);
    expect(count(r.stderr, message)).toBe(1);
    expect(count(r.stdout, message)).toBeLessThanOrEqual(1);
    expect(r.stderr).toContain("cdktf encountered an error while synthesizing");
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(FRAME);
  }, 120_000);
});
