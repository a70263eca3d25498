import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main, type CliIo } from "../../bin/cli";
import { chartRendersRule } from "../../lib/readiness/rules/chart-renders";
import { rehearsalCoverageRule } from "../../lib/readiness/rules/rehearsal-coverage";
import { CHARTS_DIR, describeWithHelm, HELM } from "../support/helm-binary";

function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    env,
    rules: [chartRendersRule, rehearsalCoverageRule],
  };
  return { code: main(argv, io), stdout, stderr };
}

function stackDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "readystack-cli-render-"));
  const json = {
    resource: {
      helm_release: {
        loki: { name: "loki", chart: "loki", repository: "https://grafana-community.github.io/helm-charts", version: "8.2.0", namespace: "logging" },
        promtail: { name: "promtail", chart: "promtail", repository: "https://grafana.github.io/helm-charts", version: "6.17.1", namespace: "logging" },
      },
    },
  };
  writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(json, null, 2));
  return dir;
}

describeWithHelm("readystack check --render", () => {
  it("renders each release with --charts-dir and reports the one whose version does not exist", () => {
    const dir = stackDir();
    const out = cli(["check", "cdk.tf.json", "--charts-dir", CHARTS_DIR, "--format", "json"], dir, { READYSTACK_HELM: HELM?.path });
    expect(out.stderr).toBe("");
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout).stacks[0] as { rendering: { releases: { address: string; status: string }[] }; findings: { ruleId: string; message: string }[] };
    expect(report.rendering.releases.map((r) => [r.address, r.status])).toEqual([
      ["helm_release.loki", "failed"],
      ["helm_release.promtail", "rendered"],
    ]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["RS-CHART-RENDERS"]);
    expect(report.findings[0].message).toMatch(/^helm_release\.loki: chart version not found: chart loki version 8\.2\.0 not found in /);
  });

  it("writes a Rehearsal section into the Markdown report", () => {
    const dir = stackDir();
    const out = cli(["check", "cdk.tf.json", "--render", "--format", "markdown"], dir, { READYSTACK_HELM: HELM?.path, READYSTACK_CHARTS_DIR: CHARTS_DIR });
    expect(out.stdout).toContain("## Rehearsal");
    expect(out.stdout).toContain("| `helm_release.promtail` | promtail | 6.17.1 | rendered |");
    expect(out.stdout).toContain("| `helm_release.loki` | loki | 8.2.0 | **failed** | 0 | chart loki version 8.2.0 not found in");
  });
});

describe("readystack check --charts-dir", () => {
  it("rejects a charts directory that does not exist, in one line", () => {
    const dir = stackDir();
    const out = cli(["check", "cdk.tf.json", "--charts-dir", "nowhere"], dir, {});
    expect(out).toEqual({
      code: 2,
      stdout: "",
      stderr: "readystack: --charts-dir nowhere: not a directory (expected a folder of <chart>-<version>.tgz packages)\n",
    });
  });
});
