import { backupRule } from "../../../lib/readiness/rules/backup";
import { res, run, secureStack } from "./support/fixtures";

function backupEnv(json: ReturnType<typeof secureStack>): { name: string; value?: string }[] {
  return res(json, "kubernetes_cron_job_v1", "backup").spec.job_template.spec.template.spec.container[0].env;
}

describe("RS-BACKUP", () => {
  it("passes a bounded, non-overlapping backup of the stack's Postgres plus a restore-verify CronJob", () => {
    const out = run(backupRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_cron_job_v1.verify", "kubernetes_service_v1.postgres", "kubernetes_cron_job_v1.backup"]);
  });

  it("reports overlap, missing deadlines, missing retention and a PGHOST that is no Service of the stack", () => {
    const json = secureStack();
    const cj = res(json, "kubernetes_cron_job_v1", "backup");
    cj.spec.concurrency_policy = "Allow";
    delete cj.spec.starting_deadline_seconds;
    delete cj.spec.job_template.spec.active_deadline_seconds;
    const env = backupEnv(json);
    env[0].value = "db.example.com";
    env.splice(2, 1);
    const out = run(backupRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-BACKUP", address: "kubernetes_cron_job_v1.backup" });
    expect(out.messages[0]).toBe(
      'Backup kubernetes_cron_job_v1.backup: PGHOST "db.example.com" is not a Postgres Service of the stack; no BACKUP_RETENTION env; spec.concurrencyPolicy = "Allow", not "Forbid"; no spec.startingDeadlineSeconds; no spec.jobTemplate.spec.activeDeadlineSeconds.',
    );
  });

  it("follows a PGHOST reference to the Service, and reports missing backup and restore-verify jobs", () => {
    const json = secureStack();
    backupEnv(json)[0].value = "${kubernetes_service_v1.postgres.metadata[0].name}";
    expect(run(backupRule, json).findings).toEqual([]);
    delete json.resource.kubernetes_cron_job_v1;
    expect(run(backupRule, json).messages).toEqual([
      expect.stringContaining("No backup CronJob"),
      expect.stringContaining("No restore-verify CronJob or Job"),
    ]);
  });
});
