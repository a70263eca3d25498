import { createRuleContext } from "../../../lib/readiness/context";
import type { RenderingReport } from "../../../lib/readiness/model/rendering";
import { rehearsalCoverageRule } from "../../../lib/readiness/rules/rehearsal-coverage";
import type { TerraformJson } from "../../../lib/readiness/types";

const JSON_DOC = {
  resource: {
    helm_release: {
      loki: { name: "loki", chart: "loki", version: "18.11.0", namespace: "logging" },
      redis: { name: "redis", chart: "redis", version: "21.0.0", namespace: "cache" },
    },
  },
} as unknown as TerraformJson;

function check(rendering: RenderingReport | undefined) {
  return rehearsalCoverageRule.check(createRuleContext(JSON_DOC, rendering ? { rendering } : {}));
}

describe("RS-REHEARSAL-COVERAGE", () => {
  it("passes when every release rendered", () => {
    const out = check({
      requested: true,
      releases: [
        { address: "helm_release.loki", chart: "loki", version: "18.11.0", status: "rendered", objects: 0 },
        { address: "helm_release.redis", chart: "redis", version: "21.0.0", status: "rendered", objects: 0 },
      ],
    });
    expect(out).toEqual({ findings: [], evidence: ["helm_release.loki", "helm_release.redis"] });
  });

  it("names each release that was not rendered, with the reason", () => {
    const out = check({
      requested: true,
      releases: [
        { address: "helm_release.loki", chart: "loki", version: "18.11.0", status: "rendered", objects: 0 },
        { address: "helm_release.redis", chart: "redis", version: "21.0.0", status: "not-rendered", reason: "no chart source for redis 21.0.0: looked for /charts/redis-21.0.0.tgz", objects: 0 },
      ],
    });
    expect(out.findings.map((f) => f.message)).toEqual([
      "helm_release.redis: chart redis 21.0.0 was not rendered, so its objects were not checked: no chart source for redis 21.0.0: looked for /charts/redis-21.0.0.tgz",
    ]);
    expect(out.findings[0].address).toBe("helm_release.redis");
  });

  it("stays silent when rendering was off (the report still lists the releases)", () => {
    expect(check(undefined)).toEqual({ findings: [], evidence: [] });
    expect(check({ requested: false, releases: [{ address: "helm_release.redis", chart: "redis", status: "not-rendered", reason: "off", objects: 0 }] })).toEqual({
      findings: [],
      evidence: [],
    });
  });
});
