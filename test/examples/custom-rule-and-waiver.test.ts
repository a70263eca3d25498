import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { Readiness } from "../../lib";
import { buildStackWithCustomRule } from "../../examples/custom-rule-and-waiver";

describe("example: a custom rule and a waiver", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-example-"));
  const app = new App({ outdir });
  const stack = buildStackWithCustomRule(app);
  app.synth();
  const dir = path.join(outdir, "stacks", "offgridflow");
  const result = Readiness.lastResult(stack)!;

  test("synth passes: the custom rule's only finding is waived", () => {
    expect(result.passed).toBe(true);
    expect(fs.existsSync(path.join(dir, "cdk.tf.json"))).toBe(true);
  });

  test("the custom rule ran and found the 4-core Postgres", () => {
    const report = fs.readFileSync(path.join(dir, "readiness.json"), "utf8");
    expect(report).toContain("ACME-CPU-LIMIT-CAP");
    expect(report).toContain("has a CPU limit of 4 (more than 2 cores)");
  });

  test("the waiver travels in cdk.tf.json and every report lists it with its reason", () => {
    const reason = "Nightly batch imports need 4 cores for about 40 minutes";
    const tf = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
    const sts = Object.values(tf.resource.kubernetes_stateful_set_v1).find((r) =>
      JSON.stringify(r).includes("ACME-CPU-LIMIT-CAP"),
    ) as { "//": { readystack: { waivers: { ruleId: string; reason: string }[] } } };
    expect(sts["//"].readystack.waivers).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: "ACME-CPU-LIMIT-CAP", reason })]));
    expect(fs.readFileSync(path.join(dir, "readiness.md"), "utf8")).toContain(reason);
    expect(fs.readFileSync(path.join(dir, "readiness.json"), "utf8")).toContain(reason);
    expect(fs.readFileSync(path.join(dir, "readiness.sarif"), "utf8")).toContain(reason);
  });
});
