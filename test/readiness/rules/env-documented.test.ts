import { envDocumentedRule } from "../../../lib/readiness/rules/env-documented";
import { mainContainer, res, run, secureStack } from "./support/fixtures";

describe("RS-ENV-DOCUMENTED", () => {
  it("passes when envExample documents every env var of the API", () => {
    const out = run(envDocumentedRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_deployment_v1.api"]);
  });

  it("reports an undocumented env var by name", () => {
    const json = secureStack();
    mainContainer(res(json, "kubernetes_deployment_v1", "api")).env.push({ name: "FEATURE_FLAGS", value: "a,b" });
    const out = run(envDocumentedRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-ENV-DOCUMENTED", address: "kubernetes_deployment_v1.api" });
    expect(out.messages[0]).toBe("kubernetes_deployment_v1.api env var(s) FEATURE_FLAGS are missing from //.readystack.envExample.");
  });

  it("reports a missing envExample list, and entries without description or secret flag", () => {
    const json = secureStack();
    const api = res(json, "kubernetes_deployment_v1", "api");
    delete api["//"].readystack.envExample;
    expect(run(envDocumentedRule, json).messages).toEqual([
      "kubernetes_deployment_v1.api has 4 env var(s) (LOG_FORMAT, PGHOST, PGPASSWORD, REDIS_URL) but no //.readystack.envExample list documenting them.",
    ]);
    api["//"].readystack.envExample = [
      { name: "LOG_FORMAT", secret: false, description: "" },
      { name: "PGHOST", description: "host" },
      { name: "PGPASSWORD", secret: true, description: "pw" },
      { name: "REDIS_URL", secret: false, description: "url" },
    ];
    expect(run(envDocumentedRule, json).messages).toEqual([
      "kubernetes_deployment_v1.api envExample entries LOG_FORMAT have no description.",
      "kubernetes_deployment_v1.api envExample entries PGHOST do not say whether they are secret (secret: true|false).",
    ]);
  });
});
