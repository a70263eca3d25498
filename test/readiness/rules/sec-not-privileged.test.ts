import { secNotPrivilegedRule } from "../../../lib/readiness/rules/sec-not-privileged";
import { res, run, secureStack } from "./support/fixtures";

describe("RS-SEC-NOT-PRIVILEGED", () => {
  it("passes containers that are not privileged", () => {
    const out = run(secNotPrivilegedRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toContain("kubernetes_job_v1.migrate");
  });

  it("reports a privileged CronJob container", () => {
    const json = secureStack();
    res(json, "kubernetes_cron_job_v1", "backup").spec.job_template.spec.template.spec.container[0].security_context.privileged = true;
    const out = run(secNotPrivilegedRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-NOT-PRIVILEGED", address: "kubernetes_cron_job_v1.backup" });
    expect(out.messages[0]).toBe('kubernetes_cron_job_v1.backup container "offsite-upload": securityContext.privileged = true.');
  });
});
