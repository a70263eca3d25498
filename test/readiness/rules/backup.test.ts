import { createRuleContext } from "../../../lib/readiness/context";
import { backupRule } from "../../../lib/readiness/rules/backup";
import type { TerraformJson } from "../../../lib/readiness/types";
import { res, run, secureStack, type Json } from "./support/fixtures";

type Stack = ReturnType<typeof secureStack>;

function backupPod(json: Stack): Json {
  return res(json, "kubernetes_cron_job_v1", "backup").spec.job_template.spec.template.spec;
}

function verifyPod(json: Stack): Json {
  return res(json, "kubernetes_cron_job_v1", "verify").spec.job_template.spec.template.spec;
}

/** The dump container (the init container with PGHOST). */
function backupEnv(json: Stack): { name: string; value?: string }[] {
  return backupPod(json).init_container[0].env;
}

function createCtx(json: Stack): ReturnType<typeof createRuleContext> {
  return createRuleContext(json as TerraformJson);
}

const FIX =
  "Configure an off-site copy: PostgresBackup `offsite` (ReadyStack `backup.offsite`) uploads each dump to S3-compatible storage " +
  "after it is taken and makes restore-verify restore from there. If the cluster's storage is already replicated off-site, " +
  "waive RS-BACKUP with that reason.";

describe("RS-BACKUP", () => {
  it("passes a bounded, non-overlapping backup copied off-site, restored from there by restore-verify, and says where the copy goes", () => {
    const out = run(backupRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_service_v1.postgres", "kubernetes_cron_job_v1.backup", "kubernetes_cron_job_v1.verify"]);
    // Configuration, not a run result: where the copy goes and that the restore check reads it.
    expect(backupRule.check(createCtx(secureStack())).configuration).toEqual([
      "off-site copy configured: s3://shop-backups/shop/postgres via https://s3.eu-west-1.amazonaws.com (uploaded by kubernetes_cron_job_v1.backup " +
        "after each dump); restore-verify kubernetes_cron_job_v1.verify restores from it",
    ]);
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

  it("reports dumps kept only in the cluster: no uploader, with how to fix it and when a waiver fits", () => {
    const json = secureStack();
    const pod = backupPod(json);
    pod.container = [pod.init_container[0]];
    delete pod.init_container;
    const v = verifyPod(json);
    delete v.init_container;
    v.container[0].env = [{ name: "BACKUP_DIR", value: "/backups" }];
    const out = run(backupRule, json);
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_cron_job_v1.backup"]);
    expect(out.messages).toEqual([
      `Backup kubernetes_cron_job_v1.backup keeps its dumps only in the cluster: no off-site copy (no container runs \`offsite.sh upload\` after the dump). ${FIX}`,
    ]);
    expect(backupRule.check(createCtx(json)).configuration).toBeUndefined();
  });

  it("reports an uploader that runs beside the dump instead of after it, and one without a bucket", () => {
    const json = secureStack();
    const pod = backupPod(json);
    // A wait-for-postgres init container (with PGHOST) runs first; the dump itself runs beside the uploader.
    pod.container = [pod.init_container[0], pod.container[0]];
    pod.init_container = [{ ...pod.init_container[0], name: "wait-for-postgres", command: ["sh", "-c", "until pg_isready; do sleep 2; done"] }];
    expect(run(backupRule, json).messages).toContain(
      `Backup kubernetes_cron_job_v1.backup keeps its dumps only in the cluster: no off-site copy (the uploader container "offsite-upload" does not run after the dump container "backup" (the dump must be an init container before it)). ${FIX}`,
    );
    const noBucket = secureStack();
    backupPod(noBucket).container[0].env = backupPod(noBucket).container[0].env.filter((e: Json) => e.name !== "OFFSITE_BUCKET");
    expect(run(backupRule, noBucket).messages[0]).toContain('no off-site copy (the uploader container "offsite-upload" has no OFFSITE_BUCKET)');
  });

  it("reports a restore check that reads the local dumps although an off-site copy is uploaded", () => {
    const json = secureStack();
    verifyPod(json).container[0].env = [{ name: "BACKUP_DIR", value: "/backups" }];
    let out = run(backupRule, json);
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_cron_job_v1.verify"]);
    expect(out.messages[0]).toBe(
      `Restore check kubernetes_cron_job_v1.verify does not restore from the off-site copy: container "verify" reads BACKUP_DIR "/backups", not the download directory "/tmp/offsite" (it restores the local dumps). ${FIX}`,
    );
    delete verifyPod(json).init_container;
    out = run(backupRule, json);
    expect(out.messages[0]).toContain("does not restore from the off-site copy: no init container runs `offsite.sh download` before the restore check.");
  });

  it("reports a restore check that downloads another bucket or prefix than the backups write", () => {
    const json = secureStack();
    const dl = verifyPod(json).init_container[0];
    dl.env = dl.env.map((e: Json) => (e.name === "OFFSITE_PREFIX" ? { ...e, value: "other/postgres" } : e));
    const out = run(backupRule, json);
    expect(out.messages).toEqual([
      "Restore check kubernetes_cron_job_v1.verify downloads s3://shop-backups/other/postgres via https://s3.eu-west-1.amazonaws.com, not the off-site copy the backups write " +
        `(s3://shop-backups/shop/postgres via https://s3.eu-west-1.amazonaws.com). ${FIX}`,
    ]);
  });
});
