import { imagePinnedRule } from "../../../lib/readiness/rules/image-pinned";
import { mainContainer, res, run, secureStack } from "./support/fixtures";

describe("RS-IMAGE-PINNED", () => {
  it("passes pinned images and exact chart versions, listing the inventory as evidence", () => {
    const out = run(imagePinnedRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(expect.arrayContaining([
      "kubernetes_deployment_v1.api api=ghcr.io/acme/app:1.2.3",
      "kubernetes_stateful_set_v1.postgres postgres=postgres:17.6-bookworm",
      "helm_release.loki chart=loki@6.40.0",
    ]));
  });

  it("reports :latest, a missing tag and a chart version range", () => {
    const json = secureStack();
    mainContainer(res(json, "kubernetes_deployment_v1", "api")).image = "ghcr.io/acme/app:latest";
    mainContainer(res(json, "kubernetes_deployment_v1", "redis")).image = "redis";
    res(json, "helm_release", "loki").version = "^6.0.0";
    const out = run(imagePinnedRule, json);
    expect(out.findings.map((f) => [f.ruleId, f.address])).toEqual([
      ["RS-IMAGE-PINNED", "kubernetes_deployment_v1.api"],
      ["RS-IMAGE-PINNED", "kubernetes_deployment_v1.redis"],
      ["RS-IMAGE-PINNED", "helm_release.loki"],
    ]);
    expect(out.messages).toEqual([
      'kubernetes_deployment_v1.api container "api" image "ghcr.io/acme/app:latest" uses the moving tag :latest.',
      'kubernetes_deployment_v1.redis container "redis" image "redis" has no tag or digest (means :latest).',
      'helm_release.loki (chart loki) has version "^6.0.0", not an exact chart version.',
    ]);
  });

  it("accepts a digest, and reports a release without version", () => {
    const json = secureStack();
    mainContainer(res(json, "kubernetes_deployment_v1", "api")).image = `ghcr.io/acme/app@sha256:${"a".repeat(64)}`;
    delete res(json, "helm_release", "alloy").version;
    expect(run(imagePinnedRule, json).messages).toEqual(["helm_release.alloy (chart alloy) has version unset, not an exact chart version."]);
  });
});
