import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { spawnSync } from "child_process";
import type { Rule, RuleContext } from "../../../lib/readiness/types";
import { main } from "../../../bin/cli";
import { CLI_FIXTURES, expectOneLineError, runCli } from "../../support/cli-harness";

const ROOT = join(__dirname, "..", "..", "..");
const FIXTURES = CLI_FIXTURES;

/** Flags every container image tagged latest (a stand-in for the real rules, which are tested on their own). */
const LATEST: Rule = {
  id: "T-LATEST",
  criterion: "artifacts-pinned",
  level: "mandatory",
  packs: ["readystack", "kubernetes"],
  title: "Images are not :latest",
  rationale: "latest moves",
  remediation: "pin a tag",
  check(ctx: RuleContext) {
    const findings = [];
    const evidence = [];
    for (const r of ctx.byType("kubernetes_deployment_v1")) {
      if (JSON.stringify(r.body).includes(":latest\"")) findings.push({ address: r.address, message: `${r.address} runs a :latest image` });
      else evidence.push(r.address);
    }
    return { findings, evidence };
  },
};
/** A recommended rule that fails on every deployment without replicas. */
const REPLICAS: Rule = {
  id: "T-REPLICAS",
  criterion: "autoscaling",
  level: "recommended",
  packs: ["readystack", "kubernetes"],
  title: "replicas set",
  rationale: "r",
  remediation: "set replicas",
  check(ctx: RuleContext) {
    return {
      findings: ctx
        .byType("kubernetes_deployment_v1")
        .filter((r) => JSON.stringify(r.body).indexOf('"replicas"') === -1)
        .map((r) => ({ address: r.address, message: `${r.address} has no replicas` })),
      evidence: [],
    };
  },
};

function cli(argv: string[], cwd = FIXTURES, rules: readonly Rule[] = [LATEST, REPLICAS]) {
  return runCli(argv, cwd, rules);
}


describe("readystack check", () => {
  const temp = mkdtempSync(join(tmpdir(), "readystack-cli-"));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it("exits 1 on a hand-written stack with an unwaived mandatory finding, naming rule and address", () => {
    const r = cli(["check", "hand-written/main.tf.json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("FAILED");
    expect(r.stdout).toContain("T-LATEST kubernetes_deployment_v1.web: kubernetes_deployment_v1.web runs a :latest image — fix: pin a tag");
    // The worker's waiver (in its //.readystack) is honoured.
    expect(r.stdout).not.toContain("T-LATEST kubernetes_deployment_v1.worker");
    expect(r.stdout).toContain("warning T-REPLICAS kubernetes_deployment_v1.worker");
  });

  it("json format lists findings, waivers and the inventory of the hand-written stack", () => {
    const r = cli(["check", "hand-written/main.tf.json", "--format", "json"]);
    expect(r.code).toBe(1);
    const check = JSON.parse(r.stdout);
    expect(check.schemaVersion).toBe("1.0");
    expect(check.stacks).toHaveLength(1);
    const doc = check.stacks[0];
    expect(doc.schemaVersion).toBe("1.2");
    expect(doc.artifact).toBe("hand-written/main.tf.json");
    expect(doc.waivers).toEqual([
      { ruleId: "T-LATEST", reason: "worker image is rebuilt nightly on purpose", addresses: ["kubernetes_deployment_v1.worker"], source: "code", status: "applied", suppressed: 1 },
    ]);
    expect(doc.inventory.map((i: { kind: string; reference: string; pinned: boolean }) => [i.kind, i.reference, i.pinned])).toEqual([
      ["image", "nginx:latest", false],
      ["image", "busybox:latest", false],
      ["chart", "https://charts.example.com/redis", true],
    ]);
    const web = doc.findings.find((f: { address: string }) => f.address === "kubernetes_deployment_v1.web");
    const lines = readFileSync(join(FIXTURES, "hand-written/main.tf.json"), "utf8").split("\n");
    expect(lines[web.line - 1].trim()).toBe('"web": {');
  });

  it("--strict turns recommended findings into errors", () => {
    const loose = cli(["check", "cdktf.out/stacks/web/cdk.tf.json"]);
    expect(loose.code).toBe(0);
    const strict = cli(["check", "cdktf.out/stacks/web/cdk.tf.json", "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("error T-REPLICAS kubernetes_deployment_v1.web (web/web)");
  });

  it("reads every stack of a cdktf.out directory through manifest.json; sarif has one run per stack", () => {
    const r = cli(["check", "cdktf.out", "--format", "sarif"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.runs.map((run: { properties: { stack: string } }) => run.properties.stack)).toEqual(["web", "worker"]);
    const worker = log.runs[1].results.find((x: { ruleId: string }) => x.ruleId === "T-LATEST");
    expect(worker.locations[0].physicalLocation.artifactLocation.uri).toBe("cdktf.out/stacks/worker/cdk.tf.json");
    expect(worker.locations[0].physicalLocation.region.startLine).toBe(11);
  });

  it("defaults the path to cdktf.out and works without a manifest", () => {
    const dir = join(temp, "nomanifest");
    mkdirSync(join(dir, "cdktf.out", "stacks", "only"), { recursive: true });
    writeFileSync(join(dir, "cdktf.out", "stacks", "only", "cdk.tf.json"), readFileSync(join(FIXTURES, "cdktf.out/stacks/web/cdk.tf.json")));
    const r = cli(["check"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("PASSED");
  });

  it("writes --output atomically and prints nothing", () => {
    const out = join(temp, "reports", "readiness.md");
    const r = cli(["check", "hand-written/main.tf.json", "--format", "markdown", "--output", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const md = readFileSync(out, "utf8");
    expect(md).toContain("Mandatory 0/6");
    expect(md).toContain("worker image is rebuilt nightly on purpose");
    expect(readdirSync(join(temp, "reports"))).toEqual(["readiness.md"]);
  });

  it("prints help and version", () => {
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: readystack check [path]");
    const version = cli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version);
  });

  describe("bad input: exit 2 with one line on stderr", () => {
    it("missing path", () => expectOneLineError(cli(["check", "nope.json"]), /^readystack: nope\.json: no such file or directory$/m));
    it("directory without stacks", () => {
      mkdirSync(join(temp, "empty"), { recursive: true });
      expectOneLineError(cli(["check", "empty"], temp), /empty: no stacks found/);
    });
    it("invalid JSON with its line", () =>
      expectOneLineError(cli(["check", "malformed/invalid.json"]), /^readystack: malformed\/invalid\.json: not valid JSON \(.+ at line 4 column \d+\)$/m));
    it("JSON that is not Terraform", () =>
      expectOneLineError(cli(["check", "malformed/not-terraform.json"]), /malformed\/not-terraform\.json: not Terraform JSON \(no resource/));
    it("resource that is not an object of objects", () =>
      expectOneLineError(cli(["check", "malformed/resource-array.json"]), /resource\.kubernetes_namespace_v1 must be an object of named resources/));
    it("a top-level array", () => expectOneLineError(cli(["check", "malformed/array.json"]), /the top level is an array/));
    it("unknown flag", () => expectOneLineError(cli(["check", "--frobnicate"]), /Unknown option '--frobnicate'/));
    it("bad --format value", () =>
      expectOneLineError(cli(["check", "--format", "xml"]), /invalid --format "xml" \(expected one of: table, json, markdown, sarif\)/));
    it("missing flag value", () => expectOneLineError(cli(["check", "--format"]), /--format/));
    it("missing command", () => expectOneLineError(cli([]), /missing command/));
    it("unknown command", () => expectOneLineError(cli(["lint"]), /unknown command "lint"/));
    it("a manifest pointing at a missing stack file", () => {
      const dir = join(temp, "broken-manifest");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "manifest.json"), JSON.stringify({ stacks: { a: { synthesizedStackPath: "stacks/a/cdk.tf.json" } } }));
      expectOneLineError(cli(["check", "broken-manifest"], temp), /broken-manifest\/stacks\/a\/cdk\.tf\.json: no such file/);
    });
  });

  it("runs the built-in rules when none are injected (exit 0 or 1, never a crash)", () => {
    if (!existsSync(join(ROOT, "lib", "readiness", "rules", "index.ts"))) return;
    let stderr = "";
    const code = main(["check", "hand-written/main.tf.json", "--format", "json"], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
      cwd: FIXTURES,
      env: {},
    });
    expect(stderr).toBe("");
    expect([0, 1]).toContain(code);
  });

  it("bin/readystack.js explains a missing build in one line", () => {
    if (existsSync(join(ROOT, "dist", "bin", "cli.js"))) return;
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "readystack.js"), "check"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("readystack: dist/bin/cli.js is missing; run `npm run build` first");
  });
});
