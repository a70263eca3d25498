import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import type { Rule, RuleContext } from "../../../lib/readiness/types";
import { CLI_FIXTURES, expectOneLineError, runCli } from "../../support/cli-harness";

/** A security rule (both packs): flags every Deployment running a :latest image. */
const LATEST: Rule = {
  id: "T-LATEST",
  criterion: "security",
  level: "mandatory",
  title: "Images are not :latest",
  rationale: "latest moves",
  remediation: "pin a tag",
  check(ctx: RuleContext) {
    const findings = [];
    const evidence = [];
    for (const r of ctx.byType("kubernetes_deployment_v1")) {
      if (JSON.stringify(r.body).includes(':latest"')) findings.push({ address: r.address, message: `${r.address} runs a :latest image` });
      else evidence.push(r.address);
    }
    return { findings, evidence };
  },
};
/** A readystack-pack rule (autoscaling): fails on every Deployment. */
const SCALE: Rule = {
  id: "T-SCALE",
  criterion: "autoscaling",
  level: "mandatory",
  title: "autoscaled",
  rationale: "load varies",
  remediation: "add an HPA",
  check: (ctx) => ({ findings: ctx.byType("kubernetes_deployment_v1").map((r) => ({ address: r.address, message: `${r.address} has no HPA` })), evidence: [] }),
};
const RULES = [LATEST, SCALE];

function cli(argv: string[], cwd = CLI_FIXTURES) {
  return runCli(argv, cwd, RULES);
}

function ran(stdout: string): string[] {
  return (JSON.parse(stdout).stacks[0].rules as { id: string; engine: boolean }[]).filter((r) => !r.engine).map((r) => r.id);
}

describe("readystack check: choosing rules", () => {
  const temp = mkdtempSync(join(tmpdir(), "readystack-cli-config-"));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const path = join(temp, name);
    writeFileSync(path, text);
    return relative(CLI_FIXTURES, path);
  };

  it("runs the kubernetes pack on a stack not built with readystack, and says so", () => {
    const r = cli(["check", "hand-written/main.tf.json", "--format", "json"]);
    expect(ran(r.stdout)).toEqual(["T-LATEST"]);
    expect(JSON.parse(r.stdout).stacks[0].selection).toEqual({ pack: "kubernetes", packDetected: true });
    const table = cli(["check", "hand-written/main.tf.json"]).stdout;
    expect(table).toContain("pack kubernetes (detected)");
    expect(table).toContain("— mandatory not checked, recommended not checked, security 0/1;");
    expect(table).not.toContain("Stack starts cleanly");
  });

  it("--pack readystack runs the readystack pack", () => {
    const r = cli(["check", "hand-written/main.tf.json", "--format", "json", "--pack", "readystack"]);
    expect(r.code).toBe(1);
    expect(ran(r.stdout)).toEqual(["T-LATEST", "T-SCALE"]);
    expect(JSON.parse(r.stdout).stacks[0].selection).toEqual({ pack: "readystack", packDetected: false });
  });

  it("--only and --skip choose rules by id", () => {
    expect(ran(cli(["check", "hand-written/main.tf.json", "--format", "json", "--only", "T-SCALE"]).stdout)).toEqual(["T-SCALE"]);
    const skipped = cli(["check", "hand-written/main.tf.json", "--format", "json", "--pack", "readystack", "--skip", "T-LATEST,T-SCALE"]);
    expect(ran(skipped.stdout)).toEqual([]);
    expect(JSON.parse(skipped.stdout).stacks[0].selection.skip).toEqual(["T-LATEST", "T-SCALE"]);
  });

  it("--config applies the config's pack and waivers, listed with the config file as their source", () => {
    const config = file(
      "readiness.yaml",
      [
        "pack: readystack",
        "skip: [T-SCALE]",
        "waivers:",
        "  - ruleId: T-LATEST",
        "    address: kubernetes_deployment_v1.web",
        "    reason: the web image tag is pinned by the deploy pipeline",
        "",
      ].join("\n"),
    );
    const r = cli(["check", "hand-written/main.tf.json", "--format", "json", "--config", config]);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout).stacks[0];
    expect(doc.selection).toEqual({ pack: "readystack", packDetected: false, skip: ["T-SCALE"], config });
    expect(doc.waivers).toContainEqual({
      ruleId: "T-LATEST",
      reason: "the web image tag is pinned by the deploy pipeline",
      addresses: ["kubernetes_deployment_v1.web"],
      source: "config",
      file: config,
      status: "applied",
      suppressed: 1,
    });
    // The worker's :latest is waived in its //.readystack, the web's in the config, T-SCALE is skipped: it passes.
    expect(doc.waivers.map((w: { source: string; status: string }) => [w.source, w.status])).toEqual([["code", "applied"], ["config", "applied"]]);
    expect(r.code).toBe(0);
  });

  it("an unused config waiver fails the check", () => {
    const config = file(
      "stale.json",
      JSON.stringify({ pack: "kubernetes", waivers: [{ ruleId: "T-LATEST", address: "kubernetes_namespace_v1.shop", reason: "namespaces have no images anyway" }] }),
    );
    const r = cli(["check", "hand-written/main.tf.json", "--config", config]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`error RS-WAIVER-UNUSED kubernetes_namespace_v1.shop: kubernetes_namespace_v1.shop (${config}): the waiver of T-LATEST`);
  });

  describe("bad selection or config: one line, exit 2", () => {
    it("unknown pack", () =>
      expectOneLineError(cli(["check", "hand-written/main.tf.json", "--pack", "nag"]), /^readystack: invalid --pack "nag" \(expected one of: readystack, kubernetes\)$/m));
    it("unknown rule in --only", () =>
      expectOneLineError(cli(["check", "hand-written/main.tf.json", "--only", "T-LATEST,T-NOPE"]), /invalid --only rule id "T-NOPE" \(expected one of: T-LATEST, T-SCALE\)/));
    it("empty --skip", () => expectOneLineError(cli(["check", "hand-written/main.tf.json", "--skip", ","]), /--skip needs one or more rule ids/));
    it("config file missing", () =>
      expectOneLineError(cli(["check", "hand-written/main.tf.json", "--config", "none.yaml"]), /none\.yaml: invalid config file "none\.yaml"; expected a readable JSON or YAML file \(no such file\)/));
    it("unknown key", () => {
      const config = file("typo.yaml", "pack: kubernetes\nwaiver: []\n");
      expectOneLineError(cli(["check", "hand-written/main.tf.json", "--config", config]), /invalid key "waiver" \[\]; expected only the keys pack, only, skip, options, roles, waivers/);
    });
    it("short waiver reason", () => {
      const config = file("short.yaml", "waivers:\n  - ruleId: T-LATEST\n    address: kubernetes_deployment_v1.web\n    reason: later\n");
      expectOneLineError(cli(["check", "hand-written/main.tf.json", "--config", config]), /invalid waivers\[0\]\.reason "later"; expected a reason of at least 10 characters/);
    });
    it("unknown rule id in a waiver", () => {
      const config = file("unknown.yaml", "waivers:\n  - ruleId: RS-NOPE\n    address: kubernetes_deployment_v1.web\n    reason: long enough reason\n");
      expectOneLineError(cli(["check", "hand-written/main.tf.json", "--config", config]), /invalid waivers\[0\]\.ruleId "RS-NOPE"; expected a rule id, one of T-LATEST, T-SCALE/);
    });
    it("YAML that does not parse", () => {
      const config = file("broken.yaml", "pack: [kubernetes\n");
      expectOneLineError(cli(["check", "hand-written/main.tf.json", "--config", config]), /broken\.yaml: invalid document .*; expected JSON or YAML \(/);
    });
  });
});
