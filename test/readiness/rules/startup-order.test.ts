import { startupOrderRule } from "../../../lib/readiness/rules/startup-order";
import { mainContainer, res, run, secureStack } from "./support/fixtures";

describe("RS-STARTUP-ORDER", () => {
  it("passes an API that waits for Postgres in an init container", () => {
    const out = run(startupOrderRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_deployment_v1.api"]);
  });

  it("reports an API that reads PGHOST but has neither a waiting init container nor a startup probe", () => {
    const json = secureStack();
    delete res(json, "kubernetes_deployment_v1", "api").spec.template.spec.init_container;
    const out = run(startupOrderRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-STARTUP-ORDER", address: "kubernetes_deployment_v1.api" });
    expect(out.messages[0]).toContain('kubernetes_deployment_v1.api container "api" depends on Postgres/Redis (PGHOST=postgres)');
  });

  it("recognises a dependency by a Service host in any env value, redacts credentials, and accepts a startup probe", () => {
    const json = secureStack();
    const api = res(json, "kubernetes_deployment_v1", "api");
    delete api.spec.template.spec.init_container;
    mainContainer(api).env = [{ name: "CACHE", value: "redis://user:hunter2@redis.shop.svc:6379/0" }];
    const out = run(startupOrderRule, json);
    expect(out.messages[0]).toContain("(CACHE=redis://***@redis.shop.svc:6379/0)");
    expect(out.messages[0]).not.toContain("hunter2");
    mainContainer(api).startup_probe = { http_get: { path: "/ready", port: "http" }, failure_threshold: 30 };
    expect(run(startupOrderRule, json).findings).toEqual([]);
  });
});
