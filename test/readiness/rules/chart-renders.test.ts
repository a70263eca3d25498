import { createRuleContext } from "../../../lib/readiness/context";
import type { RenderingReport } from "../../../lib/readiness/model/rendering";
import { chartRendersRule } from "../../../lib/readiness/rules/chart-renders";
import type { TerraformJson } from "../../../lib/readiness/types";

const JSON_DOC = {
  resource: {
    helm_release: {
      loki: { "//": { metadata: { path: "app/logging/loki" } }, name: "loki", chart: "loki", version: "8.2.0", namespace: "logging" },
      traefik: { name: "traefik", chart: "traefik", version: "41.3.0", namespace: "ingress" },
    },
  },
} as unknown as TerraformJson;

function check(rendering: RenderingReport | undefined) {
  return chartRendersRule.check(createRuleContext(JSON_DOC, rendering ? { rendering } : {}));
}

describe("RS-CHART-RENDERS", () => {
  it("passes releases that rendered and shows them as evidence", () => {
    const out = check({
      requested: true,
      releases: [
        { address: "helm_release.loki", chart: "loki", version: "18.11.0", status: "rendered", objects: 22 },
        { address: "helm_release.traefik", chart: "traefik", version: "41.3.0", status: "rendered", objects: 31 },
      ],
    });
    expect(out).toEqual({ findings: [], evidence: ["helm_release.loki", "helm_release.traefik"] });
  });

  it("reports a chart version that does not exist and a release Helm refuses, each with its own fix", () => {
    const out = check({
      requested: true,
      releases: [
        { address: "helm_release.loki", chart: "loki", version: "8.2.0", status: "failed", reason: "chart loki version 8.2.0 not found in /charts (available: 8.1.3, 18.11.0)", objects: 0 },
        { address: "helm_release.traefik", chart: "traefik", version: "41.3.0", status: "failed", reason: "helm template of chart traefik 41.3.0 failed: at '/ports/web': additional properties 'redirections' not allowed", objects: 0 },
      ],
    });
    expect(out.findings.map((f) => f.message)).toEqual([
      "helm_release.loki: chart version not found: chart loki version 8.2.0 not found in /charts (available: 8.1.3, 18.11.0)",
      "helm_release.traefik: chart traefik 41.3.0 does not render: at '/ports/web': additional properties 'redirections' not allowed",
    ]);
    expect(out.findings[0]).toMatchObject({ address: "helm_release.loki", constructPath: "app/logging/loki" });
    expect(out.findings[0].remediation).toMatch(/^Pin a chart version/);
    expect(out.findings[1].remediation).toMatch(/^Change the release's values/);
  });

  it("says nothing when rendering was not requested, and does not count releases not rendered as failures", () => {
    expect(check(undefined)).toEqual({ findings: [], evidence: [] });
    const out = check({
      requested: true,
      releases: [{ address: "helm_release.loki", chart: "loki", version: "8.2.0", status: "not-rendered", reason: "no chart source", objects: 0 }],
    });
    expect(out).toEqual({ findings: [], evidence: [] });
  });
});
