import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, TerraformStack } from "cdktf";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Readiness, type ReadinessOptions } from "../../../lib/readiness/readiness";

/** One stack with one resource; `check` says whether (and how) it runs the readiness check. */
function synth(outdir: string, check: ReadinessOptions | false, hclOutput = false): string {
  const app = new App({ outdir, hclOutput });
  const stack = new TerraformStack(app, "shop");
  new KubernetesProvider(stack, "kubernetes", {});
  new ConfigMapV1(stack, "config", { metadata: { name: "config", namespace: "shop" }, data: { A: "1" } });
  if (check !== false) Readiness.check(stack, { rules: [], quiet: true, ...check });
  app.synth();
  return join(outdir, "stacks", "shop");
}

const REPORTS = ["readiness.json", "readiness.md", "readiness.sarif"];

describe("the readiness reports beside the synthesized stack", () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), "readystack-synth-"));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  test("a stack that no longer runs the check loses its earlier reports; cdk.tf.json is the new one", () => {
    const dir = synth(outdir, {});
    for (const f of REPORTS) expect(existsSync(join(dir, f))).toBe(true);
    synth(outdir, false);
    expect(existsSync(join(dir, "cdk.tf.json"))).toBe(true);
    for (const f of REPORTS) expect(existsSync(join(dir, f))).toBe(false);
  });

  test("a report format dropped from the options is deleted, the others are rewritten", () => {
    const dir = synth(outdir, {});
    synth(outdir, { reports: ["json"] });
    expect(existsSync(join(dir, "readiness.json"))).toBe(true);
    expect(existsSync(join(dir, "readiness.md"))).toBe(false);
    expect(existsSync(join(dir, "readiness.sarif"))).toBe(false);
  });

  test("a file of the same name that readystack did not write is left alone", () => {
    const dir = synth(outdir, false);
    writeFileSync(join(dir, "readiness.md"), "# our own release notes\n");
    synth(outdir, false);
    expect(readFileSync(join(dir, "readiness.md"), "utf8")).toBe("# our own release notes\n");
  });

  test("after synth --hcl the reports name cdk.tf, the file that exists", () => {
    const dir = synth(outdir, {}, true);
    expect(existsSync(join(dir, "cdk.tf"))).toBe(true);
    expect(existsSync(join(dir, "cdk.tf.json"))).toBe(false);
    const md = readFileSync(join(dir, "readiness.md"), "utf8");
    expect(md).toMatch(/from `[^`]*stacks\/shop\/cdk\.tf`/);
    expect(md).not.toContain("cdk.tf.json");
    const json = JSON.parse(readFileSync(join(dir, "readiness.json"), "utf8"));
    expect(json.artifact).toMatch(/stacks\/shop\/cdk\.tf$/);
    const sarif = JSON.parse(readFileSync(join(dir, "readiness.sarif"), "utf8"));
    expect(sarif.runs[0].artifacts[0].location.uri).toMatch(/stacks\/shop\/cdk\.tf$/);
  });
});
