import { PostgresConnection } from "../../../lib/k8s/connections";
import { PostgresBackup, PostgresBackupProps } from "../../../lib/postgres/postgres-backup";
import { PostgresDatabase } from "../../../lib/postgres/postgres-database";
import { readScript } from "../../../lib/scripts";
import { IMAGES } from "../../../lib/versions";
import { all, configError, freshStack, only, synthJson } from "./helpers";

const connection: PostgresConnection = {
  host: "postgres.shop.svc.cluster.local",
  port: 5432,
  database: "app",
  usernameSecret: { name: "postgres-credentials", key: "username" },
  passwordSecret: { name: "postgres-credentials", key: "password" },
  clientImage: IMAGES.postgres,
  podSelector: { "app.kubernetes.io/name": "postgres" },
};

function cronJobs(json: any) {
  const jobs = Object.values(all(json, "kubernetes_cron_job_v1"));
  const backup = jobs.find((j) => j.metadata.labels["app.kubernetes.io/component"] === "backup");
  const verify = jobs.find((j) => j.metadata.labels["app.kubernetes.io/component"] === "restore-verify");
  return { backup, verify, count: jobs.length };
}

const byName = <T extends { name: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.name, i]));

describe("PostgresBackup", () => {
  let backup!: PostgresBackup;
  const json = synthJson((stack) => {
    backup = new PostgresBackup(stack, "backup", { namespace: "shop", connection });
  });
  const { backup: cj, verify, count } = cronJobs(json);
  const backupPod = cj.spec.job_template.spec.template.spec;
  const verifyPod = verify.spec.job_template.spec.template.spec;

  test("two CronJobs with Forbid, deadlines, history limits, time zone and defaults", () => {
    expect(count).toBe(2);
    expect(cj.metadata.name).toBe("postgres-backup");
    expect(verify.metadata.name).toBe("postgres-backup-verify");
    expect(cj.spec.schedule).toBe("0 3 * * *");
    expect(verify.spec.schedule).toBe("0 5 * * *");
    for (const job of [cj, verify]) {
      expect(job.spec).toMatchObject({
        concurrency_policy: "Forbid",
        starting_deadline_seconds: 600,
        successful_jobs_history_limit: 3,
        failed_jobs_history_limit: 5,
        timezone: "Etc/UTC",
      });
      expect(job.spec.job_template.spec).toMatchObject({ backoff_limit: 2, active_deadline_seconds: 3600 });
      expect(job.spec.job_template.spec.template.spec.restart_policy).toBe("Never");
    }
  });

  test("backup runs backup.sh with libpq env from the connection, credentials from the Secret, retention", () => {
    const c = backupPod.container[0];
    expect(c.command).toEqual(["bash", "/scripts/backup.sh"]);
    expect(c.image).toBe(IMAGES.postgres);
    const env = byName<any>(c.env);
    expect(env.PGHOST.value).toBe("postgres.shop.svc.cluster.local");
    expect(env.PGPORT.value).toBe("5432");
    expect(env.PGDATABASE.value).toBe("app");
    expect(env.PGUSER.value_from.secret_key_ref).toEqual({ name: "postgres-credentials", key: "username" });
    expect(env.PGPASSWORD.value_from.secret_key_ref).toEqual({ name: "postgres-credentials", key: "password" });
    expect(env.PGPASSWORD.value).toBeUndefined();
    expect(env.BACKUP_DIR.value).toBe("/backups");
    expect(env.BACKUP_RETENTION.value).toBe("7");
  });

  test("backup waits for Postgres with a bounded pg_isready loop", () => {
    const init = backupPod.init_container[0];
    expect(init.image).toBe(IMAGES.postgres);
    expect(init.command[0]).toBe("bash");
    expect(init.command[2]).toContain("pg_isready");
    expect(init.command[2]).toMatch(/i <= 60/);
    expect(init.command[2]).toContain("exit 1");
    expect(init.command[2]).not.toContain("$(");
    expect(init.resources.limits).toBeDefined();
    expect(init.security_context.read_only_root_filesystem).toBe(true);
  });

  test("backup PVC mounted read-write, scripts mode 0555, /tmp emptyDir", () => {
    const mounts = byName<any>(backupPod.container[0].volume_mount);
    expect(mounts.backups.mount_path).toBe("/backups");
    expect(mounts.backups.read_only).toBeUndefined();
    expect(mounts.tmp.mount_path).toBe("/tmp");
    const vols = byName<any>(backupPod.volume);
    expect(vols.scripts.config_map.default_mode).toBe("0555");
    expect(vols.backups.persistent_volume_claim.claim_name).toMatch(/^\$\{kubernetes_persistent_volume_claim_v1\./);
    expect(vols.tmp.empty_dir).toBeDefined();
  });

  test("verify job runs verify-restore.sh, mounts the backup PVC read-only, scratch on an emptyDir, no credentials", () => {
    const c = verifyPod.container[0];
    expect(c.command).toEqual(["bash", "/scripts/verify-restore.sh"]);
    const env = byName<any>(c.env);
    expect(env.BACKUP_DIR.value).toBe("/backups");
    expect(env.VERIFY_WORKDIR.value).toBe("/tmp/verify");
    expect(Object.keys(env).some((k) => k.startsWith("PG"))).toBe(false);
    const mounts = byName<any>(c.volume_mount);
    expect(mounts.backups).toMatchObject({ mount_path: "/backups", read_only: true });
    const vols = byName<any>(verifyPod.volume);
    expect(vols.backups.persistent_volume_claim.read_only).toBe(true);
    expect(vols.backups.persistent_volume_claim.claim_name).toBe(
      backupPod.volume.find((v: any) => v.name === "backups").persistent_volume_claim.claim_name,
    );
    expect(vols.tmp.empty_dir.size_limit).toBe("10Gi");
    expect(mounts.tmp.mount_path).toBe("/tmp");
  });

  test("no pod affinity on finished backup pods: the scheduler would ignore it", () => {
    expect(verifyPod.affinity).toBeUndefined();
  });

  test("security: UID 999, read-only root, no SA token, requests and limits on every container", () => {
    for (const pod of [backupPod, verifyPod]) {
      expect(pod.automount_service_account_token).toBe(false);
      expect(pod.security_context).toMatchObject({ run_as_non_root: true, run_as_user: "999", fs_group: "999" });
      for (const c of [...pod.container, ...(pod.init_container ?? [])]) {
        expect(c.security_context).toMatchObject({
          run_as_user: "999",
          read_only_root_filesystem: true,
          allow_privilege_escalation: false,
          capabilities: { drop: ["ALL"] },
        });
        expect(c.resources.requests.cpu).toBeDefined();
        expect(c.resources.limits.memory).toBeDefined();
      }
    }
  });

  test("PVC: default size, RWO, wait_until_bound false, prevent_destroy", () => {
    const pvc = only(json, "kubernetes_persistent_volume_claim_v1");
    expect(pvc.spec.access_modes).toEqual(["ReadWriteOnce"]);
    expect(pvc.spec.resources.requests.storage).toBe("20Gi");
    expect(pvc.wait_until_bound).toBe(false);
    expect(pvc.lifecycle.prevent_destroy).toBe(true);
  });

  test("ConfigMap carries the scripts (Terraform-escaped) under their file names", () => {
    const cm = only(json, "kubernetes_config_map_v1");
    expect(Object.keys(cm.data).sort()).toEqual(["backup.sh", "table-counts.sql", "verify-restore.sh"]);
    const unescape = (s: string) => s.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
    expect(unescape(cm.data["backup.sh"])).toBe(readScript("backup.sh"));
    expect(unescape(cm.data["verify-restore.sh"])).toBe(readScript("verify-restore.sh"));
    // No unescaped Terraform interpolation is left in the scripts.
    expect(cm.data["backup.sh"]).not.toMatch(/(^|[^$])\$\{/);
  });

  test("ConfigMap carries table-counts.sql, the counts SQL both scripts read from /scripts, byte for byte", () => {
    const cm = only(json, "kubernetes_config_map_v1");
    const sql = readScript("table-counts.sql");
    expect(sql).toMatch(/^SET datestyle = 'ISO, YMD';\n/);
    expect(sql).toContain("\\echo '#' 'readystack-counts v1' 'encoding' :rs_encoding\n");
    // Terraform would only rewrite `${` / `%{`; the SQL has neither, so the data is the file text itself.
    expect(cm.data["table-counts.sql"]).toBe(sql.replace(/\$\{/g, "$${").replace(/%\{/g, "%%{"));
    expect(cm.data["table-counts.sql"]).toBe(sql);
    // Mounted with the scripts at /scripts in both CronJobs (the scripts find it beside themselves).
    for (const pod of [backupPod, verifyPod]) {
      const vols = byName<any>(pod.volume);
      expect(vols.scripts.config_map.name).toMatch(/^\$\{kubernetes_config_map_v1\./);
      expect(vols.scripts.config_map.items).toBeUndefined(); // every key is projected, table-counts.sql included
      expect(byName<any>(pod.container[0].volume_mount).scripts.mount_path).toBe("/scripts");
    }
  });

  test("labels, selectors and component metadata", () => {
    expect(cj["//"].readystack.component).toBe("backup");
    expect(verify["//"].readystack.component).toBe("restore-verify");
    expect(cj.spec.job_template.spec.template.metadata.labels).toMatchObject(backup.backupPodSelector);
    expect(verify.spec.job_template.spec.template.metadata.labels).toMatchObject(backup.verifyPodSelector);
    expect(backup.backupPodSelector["app.kubernetes.io/component"]).toBe("backup");
    expect(backup.verifyPodSelector["app.kubernetes.io/component"]).toBe("restore-verify");
  });
});

describe("PostgresBackup options", () => {
  test("wired to a PostgresDatabase: secret name is a reference to the generated Secret", () => {
    const json = synthJson((stack) => {
      const db = new PostgresDatabase(stack, "db", { namespace: "shop" });
      new PostgresBackup(stack, "backup", { namespace: "shop", connection: db.connection });
    });
    const env = byName<any>(cronJobs(json).backup.spec.job_template.spec.template.spec.container[0].env);
    expect(env.PGPASSWORD.value_from.secret_key_ref.name).toMatch(/^\$\{kubernetes_secret_v1\.db_credentials_[A-F0-9]+\.metadata\[0\]\.name\}$/);
  });

  test("overrides: schedules, retention, RWX without affinity, deadlines, no prevent_destroy", () => {
    const json = synthJson((stack) => {
      new PostgresBackup(stack, "backup", {
        namespace: "shop",
        connection,
        name: "nightly",
        schedule: "@daily",
        verifySchedule: "30 6 * * 1",
        timeZone: "Europe/Berlin",
        retention: 14,
        accessModes: ["ReadWriteMany"],
        storageClassName: "nfs",
        startingDeadlineSeconds: 300,
        activeDeadlineSeconds: 7200,
        verifyScratchSize: "50Gi",
        preventDestroy: false,
      });
    });
    const { backup, verify } = cronJobs(json);
    expect(backup.metadata.name).toBe("nightly");
    expect(backup.spec).toMatchObject({ schedule: "@daily", timezone: "Europe/Berlin", starting_deadline_seconds: 300 });
    expect(verify.spec.schedule).toBe("30 6 * * 1");
    expect(verify.spec.job_template.spec.active_deadline_seconds).toBe(7200);
    const env = byName<any>(backup.spec.job_template.spec.template.spec.container[0].env);
    expect(env.BACKUP_RETENTION.value).toBe("14");
    expect(verify.spec.job_template.spec.template.spec.affinity).toBeUndefined();
    const pvc = only(json, "kubernetes_persistent_volume_claim_v1");
    expect(pvc.lifecycle).toBeUndefined();
    expect(pvc.spec).toMatchObject({ access_modes: ["ReadWriteMany"], storage_class_name: "nfs" });
  });

  test.each<[string, Partial<PostgresBackupProps>, string]>([
    ["schedule", { schedule: "every day" }, '"every day"'],
    ["schedule", { schedule: "0 25 * * *" }, '"0 25 * * *"'],
    ["verifySchedule", { verifySchedule: "@sometimes" }, '"@sometimes"'],
    ["storageSize", { storageSize: "1Gb" }, '"1Gb"'],
    ["retention", { retention: 0 }, "0"],
    ["retention", { retention: 2.5 }, "2.5"],
    ["timeZone", { timeZone: "Mars/Olympus" }, '"Mars/Olympus"'],
    ["accessModes[0]", { accessModes: ["ReadOnlyMany" as never] }, '"ReadOnlyMany"'],
    ["verifyScratchSize", { verifyScratchSize: "big" }, '"big"'],
    ["name", { name: "a-very-long-backup-name-that-exceeds-the-cronjob-limit" }, '"a-very-long'],
  ])("invalid %s (%j) is rejected naming field and value", (field, extra, shown) => {
    const err = configError(() => new PostgresBackup(freshStack(), "backup", { namespace: "shop", connection, ...extra }));
    expect(err.field).toBe(field);
    expect(err.message).toContain(`invalid ${field} ${shown}`);
    expect(err.message).toContain("test/backup");
  });
});
