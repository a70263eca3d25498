import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { Readiness } from "../../lib/readiness/readiness";
import { automaticRender } from "../../lib/readiness/rehearsal/automatic";
import { buildReferenceStack, referenceProps } from "../../stacks/reference";
import { CHARTS_DIR, describeWithHelm, HELM } from "../support/helm-binary";

describe("when a stack renders on its own", () => {
  it("does not render without a chart source, and says so", () => {
    expect(automaticRender(undefined, {})).toEqual({
      env: {},
      enabled: false,
      disabledReason: "no chart source: set READYSTACK_CHARTS_DIR (or readiness.render.chartsDir, or network: true) to render",
    });
  });

  it("does not render without a working Helm binary, and names the binary", () => {
    const env = { READYSTACK_CHARTS_DIR: CHARTS_DIR, READYSTACK_HELM: "/nonexistent/helm" };
    expect(automaticRender(undefined, env)).toMatchObject({
      enabled: false,
      disabledReason: "Helm binary /nonexistent/helm (from READYSTACK_HELM) is not an executable file",
    });
  });

  it("lists every release of the reference stack as not rendered, with the reason, in the result and readiness.md", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-rehearsal-"));
    const saved = process.env.READYSTACK_CHARTS_DIR;
    delete process.env.READYSTACK_CHARTS_DIR;
    try {
      const app = new App({ outdir });
      const stack = buildReferenceStack(app, "offgridflow", { ...referenceProps(), readiness: { quiet: true } });
      app.synth();
      const rendering = Readiness.lastResult(stack)?.rendering;
      expect(rendering?.requested).toBe(false);
      expect(rendering?.releases.length).toBeGreaterThan(0);
      for (const r of rendering?.releases ?? []) {
        expect(r).toMatchObject({ status: "not-rendered", reason: expect.stringMatching(/^no chart source: set READYSTACK_CHARTS_DIR/) });
      }
      // Waivers of rendered objects cannot be judged without the render: not-run, not unused, and the check passes.
      const result = Readiness.lastResult(stack);
      const perObject = result?.waivers.filter((w) => w.objectRef !== undefined) ?? [];
      expect(perObject.length).toBeGreaterThan(0);
      for (const w of perObject) expect({ objectRef: w.objectRef, status: w.status }).toEqual({ objectRef: w.objectRef, status: "not-run" });
      expect(result?.passed).toBe(true);
      const md = fs.readFileSync(path.join(outdir, "stacks", "offgridflow", "readiness.md"), "utf8");
      expect(md).toContain("## Rehearsal");
      expect(md).toContain("| not-rendered | 0 | no chart source: set READYSTACK_CHARTS_DIR");
    } finally {
      if (saved !== undefined) process.env.READYSTACK_CHARTS_DIR = saved;
    }
  });
});

describeWithHelm("when a stack renders on its own, with Helm and charts", () => {
  it("completes the options from READYSTACK_CHARTS_DIR and the Helm it found", () => {
    const env = { READYSTACK_CHARTS_DIR: CHARTS_DIR, READYSTACK_HELM: HELM?.path };
    expect(automaticRender(undefined, env)).toEqual({ env, helm: HELM?.path, chartsDir: CHARTS_DIR });
  });
});
