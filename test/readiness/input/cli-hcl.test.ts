import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { defaultRules } from "../../../lib/readiness/engine";
import { expectOneLineError, runCli } from "../../support/cli-harness";
import { FOREIGN_FIXTURES } from "./fixtures";

describe("readystack check on Terraform HCL", () => {
  it("checks a directory of .tf files and reports by Terraform address", () => {
    const r = runCli(["check", "monitoring-stack", "--format", "json"], FOREIGN_FIXTURES, defaultRules());
    expect(r.stderr).toBe("");
    type Report = { passed: boolean; findings: { ruleId: string; address?: string; message: string }[] };
    const doc = JSON.parse(r.stdout) as Report | { passed: boolean; stacks: Report[] };
    expect(r.code).toBe(doc.passed ? 0 : 1);
    // One stack: the report itself, or the only entry of a multi-stack document.
    const stacks = "stacks" in doc ? doc.stacks : [doc];
    expect(stacks).toHaveLength(1);
    const report = stacks[0];
    const probes = Object.fromEntries(report.findings.filter((f) => f.ruleId === "RS-PROBES").map((f) => [f.address, f.message]));
    // The rules read the HCL's blocks: grafana's readiness probe is seen, only its liveness probe is missing.
    // (Wording is the rule's own: readiness_probe or readinessProbe.)
    expect(Object.keys(probes).sort()).toEqual(["kubernetes_deployment_v1.alertmanager", "kubernetes_deployment_v1.grafana", "kubernetes_deployment_v1.prometheus"]);
    expect(probes["kubernetes_deployment_v1.alertmanager"]).toMatch(/container "alertmanager" has no readiness_?probe and no liveness_?probe/i);
    expect(probes["kubernetes_deployment_v1.prometheus"]).toMatch(/container "prometheus" has no readiness_?probe and no liveness_?probe/i);
    expect(probes["kubernetes_deployment_v1.grafana"]).toMatch(/container "grafana" has no liveness_?probe/i);
    expect(probes["kubernetes_deployment_v1.grafana"]).not.toMatch(/readiness/i);
    // The terraform block (S3 backend, pinned provider) is read as cdktf writes it.
    expect(report.findings.map((f) => f.ruleId)).not.toEqual(expect.arrayContaining(["RS-REMOTE-BACKEND"]));
    expect(report.findings.map((f) => f.ruleId)).not.toEqual(expect.arrayContaining(["RS-PROVIDERS-PINNED"]));
  });

  it("findings on HCL point at the .tf file and line the resource is written at (SARIF, JSON, table)", () => {
    const sarif = runCli(["check", "monitoring-stack", "--format", "sarif"], FOREIGN_FIXTURES, defaultRules());
    expect(sarif.stderr).toBe("");
    type Loc = { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations?: { fullyQualifiedName: string }[] };
    const run = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: Loc[] }[]; artifacts: { location: { uri: string } }[] }[] }).runs[0];
    const probes = Object.fromEntries(
      run.results
        .filter((r) => r.ruleId === "RS-PROBES")
        .map((r) => [r.locations[0].logicalLocations?.[0].fullyQualifiedName, `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`]),
    );
    expect(probes).toEqual({
      "kubernetes_deployment_v1.alertmanager": "monitoring-stack/alertmanager.tf:1",
      "kubernetes_deployment_v1.grafana": "monitoring-stack/grafana.tf:1",
      "kubernetes_deployment_v1.prometheus": "monitoring-stack/prometheus.tf:22",
    });
    expect(run.artifacts.map((a) => a.location.uri)).toEqual(expect.arrayContaining(["monitoring-stack/alertmanager.tf", "monitoring-stack/prometheus.tf"]));

    const table = runCli(["check", "monitoring-stack"], FOREIGN_FIXTURES, defaultRules());
    expect(table.stdout).toContain("RS-PROBES kubernetes_deployment_v1.prometheus (monitoring-stack/prometheus.tf:22): ");

    const cdktf = runCli(["check", "cdktf-hcl/cdktf.out", "--format", "json"], FOREIGN_FIXTURES, defaultRules());
    type Report = { findings: { ruleId: string; address?: string; artifact?: string; line?: number }[] };
    const doc = JSON.parse(cdktf.stdout) as Report | { stacks: Report[] };
    const findings = ("stacks" in doc ? doc.stacks[0] : doc).findings;
    expect(findings.find((f) => f.ruleId === "RS-PROBES" && f.address === "kubernetes_deployment_v1.echo")).toMatchObject({
      artifact: "cdktf-hcl/cdktf.out/stacks/web/cdk.tf",
      line: 28,
    });
  });

  it("an HCL syntax error exits 2 with one line naming the file and line", () => {
    const temp = mkdtempSync(join(tmpdir(), "readystack-cli-hcl-"));
    try {
      mkdirSync(join(temp, "infra"));
      writeFileSync(join(temp, "infra", "main.tf"), 'resource "kubernetes_namespace_v1" "a" {\n  metadata {\n    name = "a"\n  \n}\n');
      expectOneLineError(runCli(["check", "infra"], temp, defaultRules()), /^readystack: infra\/main\.tf:\d+: not valid Terraform HCL \(.+\)$/m);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
