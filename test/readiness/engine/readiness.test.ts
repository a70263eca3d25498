import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { App, Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ReadystackConfigError } from "../../../lib/errors";
import { Readiness } from "../../../lib/readiness/readiness";
import type { Rule } from "../../../lib/readiness/types";
import { nameRule } from "./helpers";

const BAD_NAME = nameRule("T-NS-NAME", "startup", "mandatory", "kubernetes_namespace_v1", ["bad"]);
const BAD_CM: Rule = nameRule("T-CM-NAME", "config-documented", "recommended", "kubernetes_config_map_v1", ["bad-cm"]);

function setup(nsName: string, outdir?: string): { app: App; stack: TerraformStack; ns: NamespaceV1; outdir: string } {
  const dir = outdir ?? mkdtempSync(join(tmpdir(), "readystack-test-"));
  const app = Testing.app({ outdir: dir });
  const stack = new TerraformStack(app, "tiny");
  new KubernetesProvider(stack, "k8s", {});
  const ns = new NamespaceV1(stack, "ns", { metadata: { name: nsName } });
  return { app, stack, ns, outdir: dir };
}

const reportDir = (outdir: string) => join(outdir, "stacks", "tiny");

describe("Readiness.check", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("fails synth naming the rule, address and construct path, and still writes the reports", () => {
    const { stack, outdir } = setup("bad");
    dirs.push(outdir);
    Readiness.check(stack, { rules: [BAD_NAME], quiet: true });
    let message = "";
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("T-NS-NAME kubernetes_namespace_v1.ns (tiny/ns): kubernetes_namespace_v1.ns is named bad — fix: T-NS-NAME remediation");
    expect(message).toContain("readiness check failed for stack tiny");
    const dir = reportDir(outdir);
    for (const f of ["readiness.json", "readiness.md", "readiness.sarif"]) expect(existsSync(join(dir, f))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, "readiness.json"), "utf8"));
    expect(report).toMatchObject({ schemaVersion: "1.2", stack: "tiny", passed: false, strict: false });
    expect(readFileSync(join(dir, "readiness.md"), "utf8")).toContain("**Verdict: FAILED**");
    // No temp files left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("passes, writes reports beside cdk.tf.json with matching SARIF lines in a full synth", () => {
    const { stack, outdir } = setup("good");
    dirs.push(outdir);
    new ConfigMapV1(stack, "cm", { metadata: { name: "bad-cm" }, data: { A: "1" } });
    Readiness.check(stack, { rules: [BAD_NAME], extraRules: [BAD_CM], quiet: true });
    const synthDir = Testing.fullSynth(stack);
    dirs.push(synthDir);
    // fullSynth writes into its own temp outdir; the reports go to the app's outdir.
    const sarif = JSON.parse(readFileSync(join(reportDir(outdir), "readiness.sarif"), "utf8"));
    const result = sarif.runs[0].results[0];
    expect(result.ruleId).toBe("T-CM-NAME");
    expect(result.level).toBe("warning");
    const tfText = readFileSync(join(synthDir, "stacks", "tiny", "cdk.tf.json"), "utf8").split("\n");
    const line = result.locations[0].physicalLocation.region.startLine;
    expect(tfText[line - 1].trim()).toBe('"cm": {');
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe("kubernetes_config_map_v1.cm");
  });

  it("strict turns recommended findings into synth errors", () => {
    const { stack, outdir } = setup("good");
    dirs.push(outdir);
    new ConfigMapV1(stack, "cm", { metadata: { name: "bad-cm" } });
    Readiness.check(stack, { rules: [BAD_CM], strict: true, quiet: true });
    expect(() => Testing.synth(stack, true)).toThrow(/T-CM-NAME kubernetes_config_map_v1\.cm/);
  });

  it("runs once per stack even when check is called twice", () => {
    const { stack, outdir } = setup("bad");
    dirs.push(outdir);
    Readiness.check(stack, { rules: [BAD_NAME], quiet: true });
    Readiness.check(stack, { rules: [BAD_NAME], quiet: true });
    let message = "";
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.match(/readiness check failed/g)).toHaveLength(1);
  });

  it("records waivers in cdk.tf.json and honours them", () => {
    const { stack, ns, outdir } = setup("bad");
    dirs.push(outdir);
    Readiness.check(stack, { rules: [BAD_NAME], quiet: true });
    Readiness.waive(ns, "T-NS-NAME", "the namespace predates the naming rule");
    const json = JSON.parse(JSON.stringify(stack.toTerraform()));
    expect(json.resource.kubernetes_namespace_v1.ns["//"].readystack.waivers).toEqual([
      { ruleId: "T-NS-NAME", reason: "the namespace predates the naming rule", scope: "tiny/ns" },
    ]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const report = JSON.parse(readFileSync(join(reportDir(outdir), "readiness.json"), "utf8"));
    expect(report.passed).toBe(true);
    expect(report.waivers[0]).toMatchObject({ status: "applied", suppressed: 1 });
    const md = readFileSync(join(reportDir(outdir), "readiness.md"), "utf8");
    expect(md).toContain("the namespace predates the naming rule");
  });

  it("appends waivers and copies a construct-level waiver onto each resource below it", () => {
    const { stack, outdir } = setup("good");
    dirs.push(outdir);
    const group = new Construct(stack, "group");
    new ConfigMapV1(group, "a", { metadata: { name: "bad-cm" } });
    new ConfigMapV1(group, "b", { metadata: { name: "fine" } });
    Readiness.check(stack, { rules: [BAD_CM, BAD_NAME], strict: true, quiet: true });
    Readiness.waive(group, "T-CM-NAME", "config maps are generated by a legacy tool");
    Readiness.waive(group, "T-NS-NAME", "kept for the migration period only");
    const json = JSON.parse(JSON.stringify(stack.toTerraform()));
    type Cm = { metadata: { name: string }; "//": { readystack: { waivers: unknown[] } } };
    const fine = Object.values(json.resource.kubernetes_config_map_v1 as Record<string, Cm>).find((c) => c.metadata.name === "fine")!;
    const waivers = fine["//"].readystack.waivers;
    expect(waivers).toEqual([
      { ruleId: "T-CM-NAME", reason: "config maps are generated by a legacy tool", scope: "tiny/group" },
      { ruleId: "T-NS-NAME", reason: "kept for the migration period only", scope: "tiny/group" },
    ]);
    let message = "";
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    // The T-CM-NAME waiver is used (one copy suppressed a finding); the T-NS-NAME one is not.
    expect(message).toContain("RS-WAIVER-UNUSED");
    expect(message).toContain("tiny/group (2 resource(s)): the waiver of T-NS-NAME");
    expect(message).not.toContain("T-CM-NAME kubernetes_config_map_v1");
  });

  it("rejects short reasons and constructs without resources", () => {
    const { stack, ns, outdir } = setup("bad");
    dirs.push(outdir);
    expect(() => Readiness.waive(ns, "T-NS-NAME", "too short")).toThrow(ReadystackConfigError);
    expect(() => Readiness.waive(ns, "T-NS-NAME", "too short")).toThrow(/invalid reason "too short"; expected a reason of at least 10 characters/);
    expect(() => Readiness.waive(ns, "", "a long enough reason")).toThrow(/invalid ruleId ""/);
    const empty = new Construct(stack, "empty");
    expect(() => Readiness.waive(empty, "T-NS-NAME", "a long enough reason")).toThrow(/tiny\/empty: invalid construct/);
  });
});
