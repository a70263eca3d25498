import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App } from "cdktf";
import { buildReadyStackFromDefaults, defaultsProps } from "../../examples/ready-stack-defaults";
import { ReadyStack } from "../../lib/ready-stack";
import { Readiness } from "../../lib/readiness/readiness";
import type { ReadinessResult } from "../../lib/readiness/result";
import { ALL_RULES } from "../../lib/readiness/rules";
import { buildReferenceStack, referenceProps } from "../../stacks/reference";
import { runCli } from "../support/cli-harness";
import { CHARTS_DIR, describeWithHelm, HELM } from "../support/helm-binary";

/** Synthesize a stack with the deploy rehearsal on (strict, as ReadyStack checks), rendering from CHARTS_DIR. */
function synthRendered(build: (app: App) => ReadyStack): { result: ReadinessResult; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), "readystack-rehearsal-"));
  const saved = { charts: process.env.READYSTACK_CHARTS_DIR, helm: process.env.READYSTACK_HELM };
  process.env.READYSTACK_CHARTS_DIR = CHARTS_DIR;
  process.env.READYSTACK_HELM = HELM?.path;
  try {
    const app = new App({ outdir });
    const stack = build(app);
    app.synth();
    const result = Readiness.lastResult(stack);
    if (!result) throw new Error("the readiness check did not run");
    return { result, outdir };
  } finally {
    for (const [key, value] of [["READYSTACK_CHARTS_DIR", saved.charts], ["READYSTACK_HELM", saved.helm]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The reference stack, quiet (its summary would fill the test output). */
const reference = (app: App): ReadyStack => buildReferenceStack(app, "offgridflow", { ...referenceProps(), readiness: { quiet: true } });
const fromDefaults = (app: App): ReadyStack => buildReadyStackFromDefaults(app, "shop", { ...defaultsProps(), readiness: { quiet: true } });

const STACKS: [string, (app: App) => ReadyStack][] = [
  ["the reference stack", reference],
  ["a ReadyStack from its defaults", fromDefaults],
];

describeWithHelm("the deploy rehearsal of the shipped stacks", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  describe.each(STACKS)("%s", (_name, build) => {
    let result: ReadinessResult;
    beforeAll(() => {
      const run = synthRendered(build);
      dirs.push(run.outdir);
      result = run.result;
    });

    it("renders every release", () => {
      expect(result.rendering?.requested).toBe(true);
      expect(result.rendering?.releases.length).toBeGreaterThanOrEqual(5);
      for (const release of result.rendering?.releases ?? []) {
        expect({ address: release.address, status: release.status, reason: release.reason }).toEqual({ address: release.address, status: "rendered", reason: undefined });
        expect(release.objects).toBeGreaterThan(0);
      }
    });

    it("passes strict with no unwaived finding, and every waiver of a rendered object is used", () => {
      const open = result.findings.filter((f) => f.waivedReason === undefined).map((f) => `${f.ruleId} ${f.message}`);
      expect(open).toEqual([]);
      expect(result.passed).toBe(true);
      for (const w of result.waivers.filter((x) => x.objectRef !== undefined)) {
        expect({ ruleId: w.ruleId, objectRef: w.objectRef, status: w.status }).toEqual({ ruleId: w.ruleId, objectRef: w.objectRef, status: "applied" });
      }
    });

    it("checks the rendered pods with the workload rules", () => {
      // Evidence is kept per criterion; each of these criteria lists the rendered workloads its rules passed.
      const evidence = (ruleId: string): readonly string[] => result.criteria.filter((c) => c.rules.includes(ruleId)).flatMap((c) => c.evidence);
      expect(evidence("RS-PROBES")).toEqual(expect.arrayContaining([expect.stringMatching(/^helm_release\.ingress_traefik_\w+ Deployment\/traefik\/traefik$/)]));
      expect(evidence("RS-PROBES")).toEqual(
        expect.arrayContaining([expect.stringMatching(/^helm_release\.ingress_cert-manager_\w+ Deployment\/cert-manager\/cert-manager-webhook$/)]),
      );
      expect(evidence("RS-RESOURCES")).toEqual(expect.arrayContaining([expect.stringMatching(/^helm_release\.logging_loki_\w+ StatefulSet\/logging\/loki$/)]));
      // Findings on rendered objects exist and are waived one object at a time: the rules did look at them.
      expect(result.findings.some((f) => f.ruleId === "RS-PROBES" && f.objectRef === "Deployment/cert-manager/cert-manager-cainjector")).toBe(true);
    });
  });

  it("waives each chart finding the values cannot fix on exactly one rendered object, with its reason", () => {
    const { result, outdir } = synthRendered(reference);
    dirs.push(outdir);
    const perObject = result.waivers
      .filter((w) => w.objectRef !== undefined)
      .map((w) => `${w.ruleId} ${w.objectRef as string}`)
      .sort();
    expect(perObject).toEqual([
      "RS-MIN-REPLICAS StatefulSet/logging/loki",
      "RS-PROBES Deployment/cert-manager/cert-manager",
      "RS-PROBES Deployment/cert-manager/cert-manager-cainjector",
      "RS-SEC-HOST-PATH DaemonSet/logging/promtail",
      "RS-SEC-NON-ROOT DaemonSet/logging/promtail",
    ]);
    const waived = result.findings.filter((f) => f.waivedReason !== undefined && f.objectRef !== undefined);
    expect(waived.map((f) => `${f.ruleId} ${f.objectRef as string}`).sort()).toEqual(perObject);
  });

  it("readystack check --render --charts-dir passes on the synthesized reference output", () => {
    const outdir = mkdtempSync(join(tmpdir(), "readystack-rehearsal-cli-"));
    dirs.push(outdir);
    const app = new App({ outdir });
    reference(app);
    app.synth();
    const run = runCli(["check", outdir, "--render", "--charts-dir", CHARTS_DIR, "--helm", HELM?.path ?? "helm", "--strict"], outdir, ALL_RULES);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/PASSED/);
    expect(run.stdout).toMatch(/waiver RS-SEC-HOST-PATH on offgridflow\/logging\/promtail DaemonSet\/logging\/promtail \[code, applied\]/);
    expect(run.code).toBe(0);
    // RS-PROBES alone: its evidence names each rendered workload that has its probes.
    const only = runCli(["check", outdir, "--charts-dir", CHARTS_DIR, "--helm", HELM?.path ?? "helm", "--only", "RS-PROBES", "--format", "json"], outdir, ALL_RULES);
    const report = JSON.parse(only.stdout) as { stacks: { criteria: { rules: string[]; evidence: string[] }[] }[] };
    const evidence = report.stacks[0].criteria.filter((c) => c.rules.includes("RS-PROBES")).flatMap((c) => c.evidence);
    expect(evidence.filter((e) => e.startsWith("helm_release.")).map((e) => e.replace(/_[0-9A-F]{8} /, " "))).toEqual([
      "helm_release.ingress_cert-manager Deployment/cert-manager/cert-manager-webhook",
      "helm_release.ingress_traefik Deployment/traefik/traefik",
      "helm_release.logging_loki StatefulSet/logging/loki",
      "helm_release.logging_promtail DaemonSet/logging/promtail",
    ]);
  });
});
