import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { ReadystackConfigError } from "../../../lib/errors";
import { ReadinessConfigError } from "../../../lib/readiness/config/validate";
import { Readiness } from "../../../lib/readiness/readiness";
import type { Rule } from "../../../lib/readiness/types";
import { nameRule } from "./helpers";

const BAD_NAME: Rule = { ...nameRule("T-NS-NAME", "security", "mandatory", "kubernetes_namespace_v1", ["bad"]) };
const SCALE: Rule = nameRule("T-NS-SCALE", "autoscaling", "mandatory", "kubernetes_namespace_v1", ["bad"]);

function setup(nsName: string, dirs: string[]): { stack: TerraformStack; ns: NamespaceV1 } {
  const dir = mkdtempSync(join(tmpdir(), "readystack-opts-"));
  dirs.push(dir);
  const app = Testing.app({ outdir: dir });
  const stack = new TerraformStack(app, "tiny");
  new KubernetesProvider(stack, "k8s", {});
  const ns = new NamespaceV1(stack, "ns", { metadata: { name: nsName } });
  return { stack, ns };
}

function synthError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

describe("Readiness.check pack, only, skip and config", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("selects rules with pack and skip", () => {
    const { stack } = setup("bad", dirs);
    Readiness.check(stack, { rules: [BAD_NAME, SCALE], pack: "kubernetes", quiet: true });
    const message = synthError(stack);
    expect(message).toContain("T-NS-NAME kubernetes_namespace_v1.ns");
    expect(message).not.toContain("T-NS-SCALE");
    expect(Readiness.lastResult(stack)?.selection).toEqual({ pack: "kubernetes", packDetected: false });

    const other = setup("bad", dirs);
    Readiness.check(other.stack, { rules: [BAD_NAME, SCALE], skip: ["T-NS-NAME"], quiet: true });
    expect(synthError(other.stack)).toContain("T-NS-SCALE kubernetes_namespace_v1.ns");
  });

  it("applies a config object's waivers and a config file's, naming the file as their source", () => {
    const { stack } = setup("bad", dirs);
    const reason = "the namespace name is fixed by the platform team";
    Readiness.check(stack, {
      rules: [BAD_NAME],
      config: { waivers: [{ ruleId: "T-NS-NAME", address: "kubernetes_namespace_v1.ns", reason }] },
      quiet: true,
    });
    expect(synthError(stack)).toBe("");
    expect(Readiness.lastResult(stack)?.waivers).toEqual([
      { ruleId: "T-NS-NAME", reason, addresses: ["kubernetes_namespace_v1.ns"], source: "config", file: "readiness config", status: "applied", suppressed: 1 },
    ]);

    const other = setup("bad", dirs);
    const file = join(dirs[dirs.length - 1], "readiness.yaml");
    writeFileSync(file, `waivers:\n  - ruleId: T-NS-NAME\n    address: kubernetes_namespace_v1.ns\n    reason: ${reason}\n`);
    Readiness.check(other.stack, { rules: [BAD_NAME], config: file, quiet: true });
    expect(synthError(other.stack)).toBe("");
    expect(Readiness.lastResult(other.stack)?.waivers[0]).toMatchObject({ source: "config", file, status: "applied" });
  });

  it("rejects a bad config, pack or rule id when check is called, not at synth", () => {
    const { stack } = setup("good", dirs);
    expect(() => Readiness.check(stack, { rules: [BAD_NAME], config: { waivers: [{ ruleId: "T-NS-NAME", address: "kubernetes_namespace_v1.ns", reason: "short" }] } })).toThrow(
      new ReadinessConfigError("tiny config", "waivers[0].reason", "short", "a reason of at least 10 characters"),
    );
    expect(() => Readiness.check(stack, { rules: [BAD_NAME], only: ["T-NOPE"] })).toThrow(ReadystackConfigError);
    expect(() => Readiness.check(stack, { rules: [BAD_NAME], only: ["T-NOPE"] })).toThrow('tiny: invalid only "T-NOPE"; expected rule ids, each one of T-NS-NAME');
    expect(() => Readiness.check(stack, { rules: [BAD_NAME], pack: "nag" as never })).toThrow('tiny: invalid pack "nag"; expected one of readystack, kubernetes');
  });
});
