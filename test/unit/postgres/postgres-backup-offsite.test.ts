import { PostgresConnection } from "../../../lib/k8s/connections";
import { PostgresBackup, PostgresBackupOffsite, PostgresBackupProps, RCLONE_IMAGE } from "../../../lib/postgres/postgres-backup";
import { readScript } from "../../../lib/scripts";
import { IMAGES } from "../../../lib/versions";
import { all, configError, freshStack, only, synthJson } from "./helpers";

/* eslint-disable @typescript-eslint/no-explicit-any */
const connection: PostgresConnection = {
  host: "postgres.shop.svc.cluster.local",
  port: 5432,
  database: "app",
  usernameSecret: { name: "postgres-credentials", key: "username" },
  passwordSecret: { name: "postgres-credentials", key: "password" },
  clientImage: IMAGES.postgres,
  podSelector: { "app.kubernetes.io/name": "postgres" },
};

const OFFSITE: PostgresBackupOffsite = {
  bucket: "shop-backups",
  prefix: "prod/shop",
  endpoint: "https://minio.example.com:9000",
  credentials: { secretName: "backup-s3" },
};

function build(offsite: PostgresBackupOffsite, extra: Partial<PostgresBackupProps> = {}) {
  let backup!: PostgresBackup;
  const json = synthJson((stack) => {
    backup = new PostgresBackup(stack, "backup", { namespace: "shop", connection, offsite, ...extra });
  });
  const jobs = Object.values(all(json, "kubernetes_cron_job_v1"));
  const cj = jobs.find((j) => j.metadata.labels["app.kubernetes.io/component"] === "backup");
  const verify = jobs.find((j) => j.metadata.labels["app.kubernetes.io/component"] === "restore-verify");
  return { json, backup, backupPod: cj.spec.job_template.spec.template.spec, verifyPod: verify.spec.job_template.spec.template.spec };
}

const byName = <T extends { name: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.name, i]));

describe("PostgresBackup offsite", () => {
  const { json, backup, backupPod, verifyPod } = build(OFFSITE);

  test("backup pod: wait-for-postgres, then backup.sh (init), then the rclone uploader running offsite.sh upload", () => {
    expect(backupPod.init_container.map((c: any) => c.name)).toEqual(["wait-for-postgres", "backup"]);
    const dump = backupPod.init_container[1];
    expect(dump.command).toEqual(["bash", "/scripts/backup.sh"]);
    expect(byName<any>(dump.env).PGHOST.value).toBe("postgres.shop.svc.cluster.local");
    expect(backupPod.container).toHaveLength(1);
    const up = backupPod.container[0];
    expect(up.name).toBe("offsite-upload");
    expect(up.image).toBe(RCLONE_IMAGE);
    expect(RCLONE_IMAGE).toMatch(/^rclone\/rclone:1\.\d+\.\d+$/);
    expect(up.command).toEqual(["sh", "/scripts/offsite.sh", "upload"]);
    const env = byName<any>(up.env);
    expect(env.OFFSITE_BUCKET.value).toBe("shop-backups");
    expect(env.OFFSITE_PREFIX.value).toBe("prod/shop");
    expect(env.OFFSITE_ENDPOINT.value).toBe("https://minio.example.com:9000");
    expect(env.OFFSITE_REGION.value).toBe("us-east-1");
    expect(env.OFFSITE_PATH_STYLE.value).toBe("true");
    expect(env.OFFSITE_PROVIDER.value).toBe("Other");
    expect(env.OFFSITE_RETENTION.value).toBe("7");
    expect(env.OFFSITE_RETENTION_DAYS).toBeUndefined();
    expect(env.OFFSITE_VERIFY.value).toBe("hash");
    expect(env.BACKUP_DIR.value).toBe("/backups");
    expect(env.AWS_ACCESS_KEY_ID.value_from.secret_key_ref).toEqual({ name: "backup-s3", key: "AWS_ACCESS_KEY_ID" });
    expect(env.AWS_SECRET_ACCESS_KEY.value_from.secret_key_ref).toEqual({ name: "backup-s3", key: "AWS_SECRET_ACCESS_KEY" });
    expect(env.AWS_SECRET_ACCESS_KEY.value).toBeUndefined();
    expect(Object.keys(env).some((k) => k.startsWith("PG"))).toBe(false); // the uploader never sees the database password
    expect(byName<any>(up.volume_mount).backups).toMatchObject({ mount_path: "/backups", read_only: true });
    expect(up.security_context).toMatchObject({ run_as_user: "999", read_only_root_filesystem: true, allow_privilege_escalation: false });
    expect(up.resources.limits).toEqual({ cpu: "1", memory: "256Mi" });
  });

  test("the PVC is kept (local copy by default) and the scripts ConfigMap carries offsite.sh byte for byte", () => {
    expect(backup.pvc).toBeDefined();
    expect(byName<any>(backupPod.volume).backups.persistent_volume_claim).toBeDefined();
    const cm = only(json, "kubernetes_config_map_v1");
    expect(Object.keys(cm.data).sort()).toEqual(["backup.sh", "offsite.sh", "table-counts.sql", "verify-restore.sh"]);
    expect(cm.data["offsite.sh"].replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{")).toBe(readScript("offsite.sh"));
    expect(cm.data["offsite.sh"]).not.toMatch(/(^|[^$])\$\{/);
  });

  test("verify pod: offsite.sh download (init) into /tmp/offsite, verify-restore.sh reads it, no backup volume", () => {
    const dl = verifyPod.init_container[0];
    expect(dl.name).toBe("offsite-download");
    expect(dl.image).toBe(RCLONE_IMAGE);
    expect(dl.command).toEqual(["sh", "/scripts/offsite.sh", "download"]);
    const env = byName<any>(dl.env);
    expect(env.OFFSITE_DOWNLOAD_DIR.value).toBe("/tmp/offsite");
    expect(env.OFFSITE_BUCKET.value).toBe("shop-backups");
    expect(env.AWS_ACCESS_KEY_ID.value_from.secret_key_ref.name).toBe("backup-s3");
    const c = verifyPod.container[0];
    expect(c.command).toEqual(["bash", "/scripts/verify-restore.sh"]);
    expect(byName<any>(c.env).BACKUP_DIR.value).toBe("/tmp/offsite");
    expect(Object.keys(byName<any>(c.env)).some((k) => k.startsWith("AWS_"))).toBe(false);
    expect(byName<any>(verifyPod.volume).backups).toBeUndefined();
    expect(byName<any>(c.volume_mount).backups).toBeUndefined();
    expect(byName<any>(dl.volume_mount).tmp.mount_path).toBe("/tmp");
  });

  test("no credential literal anywhere in the JSON; no ServiceAccount and no API token by default", () => {
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/secret_access_key"\s*:\s*"[^$]/i);
    for (const pod of [backupPod, verifyPod]) {
      expect(pod.service_account_name).toBeUndefined();
      expect(pod.automount_service_account_token).toBe(false);
    }
    expect(backup.offsite).toMatchObject({ port: 9000, egressCidrs: ["0.0.0.0/0"], identity: "secret" });
  });

  test("off-site only (local: false): no PVC, the dump goes to an emptyDir of storageSize, local retention 1", () => {
    const { json: j, backup: b, backupPod: pod } = build({ ...OFFSITE, local: false, retention: 30, retentionDays: 90 }, { storageSize: "50Gi", retention: 5 });
    expect(b.pvc).toBeUndefined();
    expect(all(j, "kubernetes_persistent_volume_claim_v1")).toEqual({});
    expect(byName<any>(pod.volume).backups.empty_dir.size_limit).toBe("50Gi");
    expect(byName<any>(pod.init_container[1].env).BACKUP_RETENTION.value).toBe("1");
    const env = byName<any>(pod.container[0].env);
    expect(env.OFFSITE_RETENTION.value).toBe("30");
    expect(env.OFFSITE_RETENTION_DAYS.value).toBe("90");
  });

  test("AWS S3 with workload identity: virtual-hosted style, provider AWS, port 443, the ServiceAccount, no key env", () => {
    const { backup: b, backupPod: pod, verifyPod: vpod } = build({
      bucket: "acme-db-backups",
      region: "eu-central-1",
      credentials: "workload-identity",
      serviceAccountName: "backup-uploader",
      egressCidrs: ["52.219.0.0/16", "3.5.0.0/16"],
      verifyUpload: "download",
    });
    const env = byName<any>(pod.container[0].env);
    expect(env.OFFSITE_ENDPOINT).toBeUndefined();
    expect(env.OFFSITE_PATH_STYLE.value).toBe("false");
    expect(env.OFFSITE_PROVIDER.value).toBe("AWS");
    expect(env.OFFSITE_REGION.value).toBe("eu-central-1");
    expect(env.OFFSITE_PREFIX.value).toBe("");
    expect(env.OFFSITE_VERIFY.value).toBe("download");
    expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
    for (const p of [pod, vpod]) {
      expect(p.service_account_name).toBe("backup-uploader");
      expect(p.automount_service_account_token).toBe(false);
    }
    expect(b.offsite).toMatchObject({ port: 443, egressCidrs: ["52.219.0.0/16", "3.5.0.0/16"] });
  });

  test("custom Secret keys and an http endpoint without a port (port 80)", () => {
    const { backup: b, backupPod: pod } = build({
      bucket: "b12",
      endpoint: "http://rgw.storage.svc:80/",
      forcePathStyle: false,
      provider: "Ceph",
      credentials: { secretName: "ceph-s3", accessKeyIdKey: "access-key", secretAccessKeyKey: "secret-key" },
    });
    const env = byName<any>(pod.container[0].env);
    expect(env.OFFSITE_ENDPOINT.value).toBe("http://rgw.storage.svc:80");
    expect(env.OFFSITE_PATH_STYLE.value).toBe("false");
    expect(env.OFFSITE_PROVIDER.value).toBe("Ceph");
    expect(env.AWS_ACCESS_KEY_ID.value_from.secret_key_ref).toEqual({ name: "ceph-s3", key: "access-key" });
    expect(env.AWS_SECRET_ACCESS_KEY.value_from.secret_key_ref).toEqual({ name: "ceph-s3", key: "secret-key" });
    expect(b.offsite?.port).toBe(80);
  });

  test.each<[string, unknown, string]>([
    ["offsite", "s3://bucket", '"s3://bucket"'],
    ["offsite.bucket", { ...OFFSITE, bucket: "Shop_Backups" }, '"Shop_Backups"'],
    ["offsite.bucket", { ...OFFSITE, bucket: "ab" }, '"ab"'],
    ["offsite.prefix", { ...OFFSITE, prefix: "/prod/" }, '"/prod/"'],
    ["offsite.prefix", { ...OFFSITE, prefix: "a//b" }, '"a//b"'],
    ["offsite.prefix", { ...OFFSITE, prefix: "a/../b" }, '"a/../b"'],
    ["offsite.prefix", { ...OFFSITE, prefix: "x${y}" }, '"x${y}"'],
    ["offsite.region", { ...OFFSITE, region: "EU Central" }, '"EU Central"'],
    ["offsite.endpoint", { ...OFFSITE, endpoint: "minio:9000" }, '"minio:9000"'],
    ["offsite.endpoint", { ...OFFSITE, endpoint: "https://user:pw@minio.example.com" }, '"https://user:pw@minio.example.com"'],
    ["offsite.endpoint", { ...OFFSITE, endpoint: "https://minio.example.com/bucket" }, '"https://minio.example.com/bucket"'],
    ["offsite.endpoint", { ...OFFSITE, endpoint: "ftp://minio.example.com" }, '"ftp://minio.example.com"'],
    ["offsite.forcePathStyle", { ...OFFSITE, forcePathStyle: "yes" }, '"yes"'],
    ["offsite.provider", { ...OFFSITE, provider: "Backblaze" }, '"Backblaze"'],
    ["offsite.credentials", { ...OFFSITE, credentials: "AKIA123:secret" }, '"AKIA123:secret"'],
    ["offsite.credentials", { ...OFFSITE, credentials: undefined }, "undefined"],
    ["offsite.credentials.secretName", { ...OFFSITE, credentials: { secretName: "Backup S3" } }, '"Backup S3"'],
    ["offsite.credentials.accessKeyIdKey", { ...OFFSITE, credentials: { secretName: "s", accessKeyIdKey: "a key" } }, '"a key"'],
    ["offsite.serviceAccountName", { ...OFFSITE, credentials: "workload-identity" }, "undefined"],
    ["offsite.retention", { ...OFFSITE, retention: 0 }, "0"],
    ["offsite.retentionDays", { ...OFFSITE, retentionDays: 1.5 }, "1.5"],
    ["offsite.local", { ...OFFSITE, local: "no" }, '"no"'],
    ["offsite.verifyUpload", { ...OFFSITE, verifyUpload: "md5" }, '"md5"'],
    ["offsite.egressCidrs", { ...OFFSITE, egressCidrs: [] }, "[]"],
    ["offsite.egressCidrs[1]", { ...OFFSITE, egressCidrs: ["10.0.0.0/8", "s3.amazonaws.com"] }, '"s3.amazonaws.com"'],
    ["offsite.image", { ...OFFSITE, image: "rclone/rclone:latest" }, '"rclone/rclone:latest"'],
    ["offsite.resources.memoryLimit", { ...OFFSITE, resources: { memoryLimit: "lots" } }, '"lots"'],
  ])("invalid %s (%j) is rejected naming field, value and what is accepted", (field, offsite, shown) => {
    const err = configError(
      () => new PostgresBackup(freshStack(), "backup", { namespace: "shop", connection, offsite: offsite as PostgresBackupOffsite }),
    ) as unknown as Error & { field: string; accepted: string };
    expect(err.field).toBe(field);
    expect(err.message).toContain(`invalid ${field} ${shown}`);
    expect(err.message).toContain("test/backup");
    expect(err.accepted.length).toBeGreaterThan(10);
  });
});
