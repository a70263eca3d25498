// Each use of cdktf beyond its public API (lib/readiness/cdktf-internals.ts), checked against the installed
// cdktf. A failure here means cdktf changed under readystack: fix the one function the test names.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, AssetType, TerraformAsset, TerraformOutput, TerraformStack } from "cdktf";
import {
  afterEverySynth,
  assetSourcePath,
  CDKTF_VERSION,
  handOverNextToTerraform,
  onSynthesize,
} from "../../lib/readiness/cdktf-internals";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "rs-cdktf-internals-"));
}

describe("cdktf internals readystack relies on", () => {
  test("the installed cdktf is the version the workarounds were written against", () => {
    const installed = (JSON.parse(fs.readFileSync(require.resolve("cdktf/package.json"), "utf8")) as { version: string }).version;
    expect(installed).toBe(CDKTF_VERSION);
  });

  test("onSynthesize: the hook runs during synth with the session, and its file lands beside cdk.tf.json", () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "s");
    new TerraformOutput(stack, "o", { value: "x" });
    const seen: string[] = [];
    onSynthesize(stack, (session) => {
      const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "hooked.txt"), "hooked");
      seen.push(session.outdir);
    });
    app.synth();
    expect(seen).toEqual([outdir]);
    expect(fs.readFileSync(path.join(outdir, "stacks", "s", "hooked.txt"), "utf8")).toBe("hooked");
    expect(fs.existsSync(path.join(outdir, "stacks", "s", "cdk.tf.json"))).toBe(true);
  });

  test("assetSourcePath: the private sourcePath of a TerraformAsset is the path it was given (relative to the cwd)", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "Chart.yaml"), "name: c\n");
    const stack = new TerraformStack(new App({ outdir: tempDir() }), "s");
    const asset = new TerraformAsset(stack, "chart", { path: dir, type: AssetType.DIRECTORY });
    const source = assetSourcePath(asset);
    expect(typeof source).toBe("string");
    expect(path.resolve(source!)).toBe(dir);
  });

  test("handOverNextToTerraform: the synthesizer's toTerraform call after the validations takes the handed JSON", () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "s");
    new TerraformOutput(stack, "o", { value: "resolved" });
    let handed: unknown;
    let takenCount = 0;
    const resolve = handOverNextToTerraform(stack, () => handed, () => { handed = undefined; takenCount++; });
    stack.node.addValidation({
      validate: () => {
        const json = resolve() as { output: Record<string, { value: string }> };
        handed = { ...json, output: { o: { value: "handed" } } };
        return [];
      },
    });
    app.synth();
    const written = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "s", "cdk.tf.json"), "utf8")) as { output: Record<string, { value: string }> };
    expect(takenCount).toBe(1);
    expect(written.output.o.value).toBe("handed");
    // Later calls resolve afresh.
    expect((stack.toTerraform() as { output: Record<string, { value: string }> }).output.o.value).toBe("resolved");
  });

  test("afterEverySynth: the hook runs once per App.synth(), after cdk.tf.json is written", () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "s");
    new TerraformOutput(stack, "o", { value: "x" });
    const calls: boolean[] = [];
    afterEverySynth((a) => {
      if (a === app) calls.push(fs.existsSync(path.join(outdir, "stacks", "s", "cdk.tf.json")));
    });
    app.synth();
    expect(calls).toEqual([true]);
  });
});
