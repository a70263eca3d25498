import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { pathToFileURL } from "url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import type { Rule, RuleContext } from "../../../lib/readiness/types";
import { CLI_FIXTURES, expectOneLineError, runCli } from "../../support/cli-harness";

/** Flags every Deployment, so every stack has a finding with a location. */
const EVERY_DEPLOYMENT: Rule = {
  id: "T-DEPLOYMENT",
  criterion: "startup",
  level: "mandatory",
  title: "no deployments",
  rationale: "a test rule",
  remediation: "remove it",
  check(ctx: RuleContext) {
    return { findings: ctx.byType("kubernetes_deployment_v1").map((r) => ({ address: r.address, message: `${r.address} is a deployment` })), evidence: [] };
  },
};

function cli(argv: string[], cwd = CLI_FIXTURES) {
  return runCli(argv, cwd, [EVERY_DEPLOYMENT]);
}

interface SarifLocation {
  uri: string;
  uriBaseId?: string;
}
interface SarifLog {
  runs: {
    artifacts: { location: SarifLocation }[];
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: { locations: { physicalLocation: { artifactLocation: SarifLocation } }[] }[];
  }[];
}

/** Every artifact location of a SARIF log. */
function locations(log: SarifLog): SarifLocation[] {
  return log.runs.flatMap((run) => [
    ...run.artifacts.map((a) => a.location),
    ...run.results.flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation)),
  ]);
}

/** A relative URI must not hold an absolute path (GitHub rejects it: SARIF1004); an absolute one needs a scheme. */
function expectValidUris(log: SarifLog): void {
  for (const location of locations(log)) {
    if (/^[a-z]+:\/\//.test(location.uri)) {
      expect(location.uri).toMatch(/^file:\/\/\//);
      expect(location.uriBaseId).toBeUndefined();
    } else {
      expect(location.uri).not.toMatch(/^\/|^[A-Za-z]:|\\/);
      expect(location.uri.split("/")).not.toContain("..");
    }
  }
  const schema = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "sarif-schema-2.1.0.json"), "utf8"));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  validate(log);
  expect(validate.errors ?? []).toEqual([]);
}

describe("readystack check: where and in which shape the report is written", () => {
  const temp = mkdtempSync(join(tmpdir(), "readystack-cli-output-"));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  test("--output through a symbolic link writes the link's target and keeps the link", () => {
    const dir = join(temp, "link");
    mkdirSync(dir);
    writeFileSync(join(dir, "report.md"), "old\n");
    symlinkSync("report.md", join(dir, "latest.md"));
    const r = cli(["check", "hand-written/main.tf.json", "--format", "markdown", "--output", join(dir, "latest.md")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(lstatSync(join(dir, "latest.md")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "latest.md"))).toBe("report.md");
    expect(readFileSync(join(dir, "report.md"), "utf8")).toMatch(/^# /);
  });

  test("--output through a dangling link creates the target", () => {
    const dir = join(temp, "dangling");
    mkdirSync(dir);
    symlinkSync(join(dir, "reports", "check.json"), join(dir, "out.json"));
    mkdirSync(join(dir, "reports"));
    cli(["check", "hand-written/main.tf.json", "--format", "json", "-o", join(dir, "out.json")]);
    expect(lstatSync(join(dir, "out.json")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "reports", "check.json"), "utf8")).schemaVersion).toBe("1.0");
  });

  test("-o - writes to standard output and creates no file", () => {
    const dir = join(temp, "dash");
    mkdirSync(dir);
    writeFileSync(join(dir, "main.tf.json"), readFileSync(join(CLI_FIXTURES, "hand-written", "main.tf.json")));
    const r = cli(["check", "main.tf.json", "--format", "json", "-o", "-"], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).stacks).toHaveLength(1);
    expect(existsSync(join(dir, "-"))).toBe(false);
  });

  test("--format json has one shape for one stack and for many: { schemaVersion, passed, stacks: [readiness.json ...] }", () => {
    const one = JSON.parse(cli(["check", "hand-written/main.tf.json", "--format", "json"]).stdout);
    const many = JSON.parse(cli(["check", "cdktf.out", "--format", "json"]).stdout);
    for (const doc of [one, many]) {
      expect(Object.keys(doc)).toEqual(["schemaVersion", "generator", "strict", "passed", "stacks"]);
      expect(doc.schemaVersion).toBe("1.0");
      expect(doc.generator.name).toBe("readystack");
      for (const stack of doc.stacks) expect(stack.schemaVersion).toBe("1.2");
    }
    expect(one.stacks.map((s: { artifact: string }) => s.artifact)).toEqual(["hand-written/main.tf.json"]);
    expect(many.stacks.map((s: { stack: string }) => s.stack)).toEqual(["web", "worker"]);
    expect(many.passed).toBe(many.stacks.every((s: { passed: boolean }) => s.passed));
  });

  test("SARIF URIs are relative to the working directory when the files are inside it", () => {
    const log = JSON.parse(cli(["check", "cdktf.out", "--format", "sarif"]).stdout) as SarifLog;
    expect(locations(log).map((l) => l.uri)).toContain("cdktf.out/stacks/web/cdk.tf.json");
    expect(locations(log).every((l) => l.uriBaseId === undefined)).toBe(true);
    expectValidUris(log);
  });

  test("SARIF for files outside the working directory uses absolute file: URIs, never an absolute path as a relative URI", () => {
    const elsewhere = join(temp, "elsewhere");
    mkdirSync(elsewhere);
    const log = JSON.parse(cli(["check", join(CLI_FIXTURES, "cdktf.out"), "--format", "sarif"], elsewhere).stdout) as SarifLog;
    const web = pathToFileURL(join(CLI_FIXTURES, "cdktf.out", "stacks", "web", "cdk.tf.json")).href;
    expect(locations(log).map((l) => l.uri)).toContain(web);
    expectValidUris(log);
  });

  test("--sarif-root DIR: URIs relative to DIR under uriBaseId %SRCROOT%, which originalUriBaseIds defines", () => {
    const elsewhere = join(temp, "root");
    mkdirSync(elsewhere);
    const root = join(CLI_FIXTURES, "cdktf.out");
    const log = JSON.parse(cli(["check", root, "--format", "sarif", "--sarif-root", root], elsewhere).stdout) as SarifLog;
    expect(locations(log).map((l) => [l.uri, l.uriBaseId])).toContainEqual(["stacks/web/cdk.tf.json", "%SRCROOT%"]);
    expect(locations(log).every((l) => l.uriBaseId === "%SRCROOT%")).toBe(true);
    for (const run of log.runs) expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: `${pathToFileURL(root).href}/` } });
    expectValidUris(log);
  });

  test("--sarif-root that does not contain the checked files, or is not a directory: one line, exit 2", () => {
    expectOneLineError(cli(["check", "cdktf.out", "--format", "sarif", "--sarif-root", "hand-written"]), /--sarif-root hand-written: does not contain cdktf\.out\/stacks\/web\/cdk\.tf\.json/);
    expectOneLineError(cli(["check", "cdktf.out", "--format", "sarif", "--sarif-root", "nope"]), /--sarif-root nope: not a directory/);
  });
});
