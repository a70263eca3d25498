import { resourcesRule } from "../../../lib/readiness/rules/resources";
import { res, run, secureStack } from "./support/fixtures";

describe("RS-RESOURCES", () => {
  it("passes when every container and init container has cpu/memory requests and limits", () => {
    const out = run(resourcesRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toContain("kubernetes_cron_job_v1.backup");
  });

  it("reports an init container missing limits, naming the missing fields", () => {
    const json = secureStack();
    delete res(json, "kubernetes_deployment_v1", "api").spec.template.spec.init_container[0].resources.limits;
    const out = run(resourcesRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-RESOURCES", address: "kubernetes_deployment_v1.api" });
    expect(out.messages[0]).toBe('kubernetes_deployment_v1.api init container "wait-for-postgres" lacks resources.limits.cpu, resources.limits.memory.');
  });

  it("reports a request above its limit, and checks CronJob containers too", () => {
    const json = secureStack();
    res(json, "kubernetes_cron_job_v1", "backup").spec.job_template.spec.template.spec.container[0].resources.requests.memory = "1Gi";
    const out = run(resourcesRule, json);
    expect(out.messages).toEqual(['kubernetes_cron_job_v1.backup container "offsite-upload" requests memory 1Gi above its limit 256Mi.']);
  });
});
