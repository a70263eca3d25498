import { Token } from "cdktf";
import { Construct } from "constructs";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { CronJobV1, CronJobV1SpecJobTemplateSpecTemplateSpec } from "@cdktf/provider-kubernetes/lib/cron-job-v1";
import { PersistentVolumeClaimV1 } from "@cdktf/provider-kubernetes/lib/persistent-volume-claim-v1";
import { selectorLabels, standardLabels } from "../k8s/labels";
import { COMPONENTS, setReadystackMetadata } from "../k8s/metadata";
import { ContainerResources, resourcesBlock } from "../k8s/resources";
import { secureContainerSecurityContext, securePodSecurityContext } from "../k8s/security";
import { parseImageReference, PropValidator } from "../k8s/validate";
import { readScript } from "../scripts";
import { IMAGE_USERS } from "../versions";
import { BackupAccessMode, PostgresBackupProps } from "./postgres-backup-props";
import {
  EnvVar,
  libpqEnv,
  validateConnection,
  namespaceProp,
  SCRIPTS_MOUNT_PATH,
  validatedResources,
  waitForPostgresInitContainer,
} from "./shared";
import { terraformLiteral } from "../k8s/terraform-text";
import { OFFSITE_DOWNLOAD_DIR, offsiteEnv, ResolvedOffsite, resolveOffsite } from "./postgres-backup-offsite";

export type {
  BackupAccessMode, OffsiteCredentials, OffsiteProvider, OffsiteSecretCredentials, OffsiteUploadCheck, PostgresBackupOffsite, PostgresBackupProps,
} from "./postgres-backup-props";
export { OFFSITE_DEFAULT_RESOURCES, OFFSITE_DOWNLOAD_DIR, RCLONE_IMAGE } from "./postgres-backup-offsite";
export type { ResolvedOffsite } from "./postgres-backup-offsite";

/** Default requests/limits of the backup container (pg_dump). */
export const BACKUP_DEFAULT_RESOURCES: ContainerResources = {
  cpuRequest: "100m",
  memoryRequest: "256Mi",
  cpuLimit: "1",
  memoryLimit: "1Gi",
};

/** Default requests/limits of the restore-verify container (initdb + a throwaway server + pg_restore). */
export const VERIFY_DEFAULT_RESOURCES: ContainerResources = {
  cpuRequest: "250m",
  memoryRequest: "512Mi",
  cpuLimit: "1",
  memoryLimit: "1Gi",
};

/** Where the backup volume is mounted in both pods. */
export const BACKUP_MOUNT_PATH = "/backups";
/** The verify pod's scratch directory (on the /tmp emptyDir). */
export const VERIFY_WORKDIR = "/tmp/verify";

const ACCESS_MODES: readonly BackupAccessMode[] = ["ReadWriteOnce", "ReadWriteOncePod", "ReadWriteMany"];

/**
 * Scheduled logical backups of a PostgreSQL database and their scheduled restore verification:
 *
 * - a PVC for the dumps (`wait_until_bound` false, so WaitForFirstConsumer storage classes work;
 *   prevent_destroy by default),
 * - a ConfigMap with backup.sh, verify-restore.sh and table-counts.sql (the counts SQL both scripts
 *   read from /scripts) — lib/scripts, the very files the tests run,
 * - the backup CronJob (component "backup"): `pg_dump -Fc` with checksums and per-table counts, keeping
 *   `retention` complete dumps,
 * - the restore-verify CronJob (component "restore-verify"): restores the newest dump into a throwaway
 *   server on an emptyDir and compares the counts; a failed Job is the alert that backups are not restorable.
 *
 * With `offsite`, the backup pod runs backup.sh as an init container and then the uploader (rclone image,
 * offsite.sh upload: dump, .counts, .sha256, each checksum-verified, then the set's manifest; off-site
 * retention), and the restore-verify pod first downloads the newest complete off-site set (offsite.sh
 * download, init container) and verifies that instead of the local volume. `offsite.local: false` drops
 * the PVC (dumps go to an emptyDir and off-site only). Credentials come from a Secret by reference.
 *
 * Both CronJobs: concurrencyPolicy Forbid, a starting deadline, bounded run time, backoffLimit 2,
 * restartPolicy Never, history 3 successful / 5 failed Jobs, non-root UID 999 with a read-only root.
 */
export class PostgresBackup extends Construct {
  /** Namespace of every object. */
  public readonly namespace: string;
  /** Resolved base name. */
  public readonly name: string;
  /** Resolved backup schedule. */
  public readonly schedule: string;
  /** Resolved verify schedule. */
  public readonly verifySchedule: string;
  /** Resolved time zone of both schedules. */
  public readonly timeZone: string;
  /** Resolved number of dumps kept. */
  public readonly retention: number;
  /** Resolved size of the backup volume. */
  public readonly storageSize: string;
  /** Resolved access modes of the backup volume. */
  public readonly accessModes: BackupAccessMode[];
  /** Resolved requests/limits of the backup container. */
  public readonly resources: ContainerResources;
  /** Resolved requests/limits of the restore-verify container. */
  public readonly verifyResources: ContainerResources;
  /** Labels selecting the backup pods. */
  public readonly backupPodSelector: Record<string, string>;
  /** Labels selecting the restore-verify pods. */
  public readonly verifyPodSelector: Record<string, string>;

  /** Resolved off-site settings (undefined without `offsite`). */
  public readonly offsite?: ResolvedOffsite;
  /** The volume holding the dumps (absent with `offsite.local: false`). */
  public readonly pvc?: PersistentVolumeClaimV1;
  /** The ConfigMap with backup.sh, verify-restore.sh and table-counts.sql (the counts SQL both scripts run). */
  public readonly configMap: ConfigMapV1;
  /** The backup CronJob. */
  public readonly backupCronJob: CronJobV1;
  /** The restore-verify CronJob. */
  public readonly verifyCronJob: CronJobV1;

  constructor(scope: Construct, id: string, props: PostgresBackupProps) {
    super(scope, id);
    const v: PropValidator = new PropValidator(this);
    if (props === null || typeof props !== "object") v.fail("props", props, "a PostgresBackupProps object");

    this.namespace = namespaceProp(v, props.namespace);
    const connection = validateConnection(v, props.connection);
    this.name = v.dnsLabel("name", props.name ?? "postgres-backup", 45);
    this.schedule = v.cron("schedule", props.schedule ?? "0 3 * * *");
    this.verifySchedule = v.cron("verifySchedule", props.verifySchedule ?? "0 5 * * *");
    this.timeZone = timeZoneProp(v, props.timeZone ?? "Etc/UTC");
    this.retention = v.integer("retention", props.retention ?? 7, 1, 1000);
    this.storageSize = v.memory("storageSize", props.storageSize ?? "20Gi");
    const storageClassName = props.storageClassName === undefined ? undefined : v.dnsSubdomain("storageClassName", props.storageClassName);
    this.accessModes = accessModesProp(v, props.accessModes ?? ["ReadWriteOnce"]);
    const startingDeadlineSeconds = v.integer("startingDeadlineSeconds", props.startingDeadlineSeconds ?? 600, 10, 86400);
    const activeDeadlineSeconds = v.integer("activeDeadlineSeconds", props.activeDeadlineSeconds ?? 3600, 60, 86400);
    const verifyScratchSize = v.memory("verifyScratchSize", props.verifyScratchSize ?? "10Gi");
    this.resources = validatedResources(v, "resources", BACKUP_DEFAULT_RESOURCES, props.resources);
    this.verifyResources = validatedResources(v, "verifyResources", VERIFY_DEFAULT_RESOURCES, props.verifyResources);
    const preventDestroy = v.bool("preventDestroy", props.preventDestroy ?? true);
    const offsite = props.offsite === undefined ? undefined : resolveOffsite(v, props.offsite, this.retention);
    this.offsite = offsite;
    const keepLocal = offsite === undefined || offsite.local;

    const uid = IMAGE_USERS.postgres;
    const version = Token.isUnresolved(connection.clientImage) ? undefined : parseImageReference(connection.clientImage)?.tag;
    const backupLabelInput = { name: "postgres", instance: this.name, component: COMPONENTS.backup, version };
    const verifyLabelInput = { name: "postgres", instance: `${this.name}-verify`, component: COMPONENTS.restoreVerify, version };
    const backupLabels = standardLabels(backupLabelInput);
    const verifyLabels = standardLabels(verifyLabelInput);
    this.backupPodSelector = selectorLabels(backupLabelInput);
    this.verifyPodSelector = selectorLabels(verifyLabelInput);

    if (keepLocal) {
      this.pvc = new PersistentVolumeClaimV1(this, "pvc", {
        metadata: { name: this.name, namespace: this.namespace, labels: backupLabels },
        spec: {
          accessModes: [...this.accessModes],
          storageClassName,
          resources: { requests: { storage: this.storageSize } },
        },
        waitUntilBound: false,
        lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
      });
      setReadystackMetadata(this.pvc, "component", COMPONENTS.backup);
    }

    this.configMap = new ConfigMapV1(this, "scripts", {
      metadata: { name: `${this.name}-scripts`, namespace: this.namespace, labels: backupLabels },
      data: {
        "backup.sh": terraformLiteral(readScript("backup.sh")),
        "verify-restore.sh": terraformLiteral(readScript("verify-restore.sh")),
        "table-counts.sql": terraformLiteral(readScript("table-counts.sql")),
        ...(offsite ? { "offsite.sh": terraformLiteral(readScript("offsite.sh")) } : {}),
      },
    });
    setReadystackMetadata(this.configMap, "component", COMPONENTS.backup);

    const scriptsVolume = { name: "scripts", configMap: { name: this.configMap.metadata.name, defaultMode: "0555" } };
    const pvc = this.pvc;
    // Off-site only: each run dumps to an emptyDir sized like the volume would be, then uploads from it.
    const backupsVolume = (readOnly: boolean) =>
      pvc
        ? { name: "backups", persistentVolumeClaim: { claimName: pvc.metadata.name, readOnly } }
        : { name: "backups", emptyDir: { sizeLimit: this.storageSize } };
    const cronSpec = {
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 5,
      timezone: this.timeZone,
    };
    const jobSpec = { backoffLimit: 2, activeDeadlineSeconds };

    // Backup: wait for Postgres, then pg_dump into the PVC.
    const backupEnv: EnvVar[] = [
      ...libpqEnv(connection),
      { name: "BACKUP_DIR", value: BACKUP_MOUNT_PATH },
      // Off-site only: the emptyDir holds this run's dump alone.
      { name: "BACKUP_RETENTION", value: String(keepLocal ? this.retention : 1) },
    ];
    const dumpContainer = {
      name: "backup",
      image: connection.clientImage,
      imagePullPolicy: "IfNotPresent",
      command: ["bash", `${SCRIPTS_MOUNT_PATH}/backup.sh`],
      env: backupEnv,
      resources: resourcesBlock(this.resources),
      securityContext: secureContainerSecurityContext(uid),
      volumeMount: [
        { name: "scripts", mountPath: SCRIPTS_MOUNT_PATH, readOnly: true },
        { name: "backups", mountPath: BACKUP_MOUNT_PATH },
        { name: "tmp", mountPath: "/tmp" },
      ],
    };
    // With off-site copies the dump runs as an init container and the uploader after it: a failed dump
    // never reaches the uploader, a failed upload fails the Job, and neither deletes a local dump.
    const uploadContainer = offsite && {
      name: "offsite-upload",
      image: offsite.image,
      imagePullPolicy: "IfNotPresent",
      command: ["sh", `${SCRIPTS_MOUNT_PATH}/offsite.sh`, "upload"],
      env: [
        ...offsiteEnv(offsite),
        { name: "BACKUP_DIR", value: BACKUP_MOUNT_PATH },
        { name: "OFFSITE_RETENTION", value: String(offsite.retention) },
        ...(offsite.retentionDays !== undefined ? [{ name: "OFFSITE_RETENTION_DAYS", value: String(offsite.retentionDays) }] : []),
        { name: "OFFSITE_VERIFY", value: offsite.verifyUpload },
      ],
      resources: resourcesBlock(offsite.resources),
      securityContext: secureContainerSecurityContext(uid),
      volumeMount: [
        { name: "scripts", mountPath: SCRIPTS_MOUNT_PATH, readOnly: true },
        { name: "backups", mountPath: BACKUP_MOUNT_PATH, readOnly: true },
        { name: "tmp", mountPath: "/tmp" },
      ],
    };
    const backupPod: CronJobV1SpecJobTemplateSpecTemplateSpec = {
      ...podBasics(uid, offsite?.serviceAccountName),
      initContainer: uploadContainer ? [waitForPostgresInitContainer(connection, uid), dumpContainer] : [waitForPostgresInitContainer(connection, uid)],
      container: uploadContainer ? [uploadContainer] : [dumpContainer],
      volume: [scriptsVolume, backupsVolume(false), { name: "tmp", emptyDir: { sizeLimit: "1Gi" } }],
    };
    this.backupCronJob = new CronJobV1(this, "backup", {
      metadata: { name: this.name, namespace: this.namespace, labels: backupLabels },
      spec: {
        ...cronSpec,
        schedule: this.schedule,
        jobTemplate: {
          metadata: { labels: backupLabels },
          spec: { ...jobSpec, template: { metadata: { labels: backupLabels }, spec: backupPod } },
        },
      },
    });
    setReadystackMetadata(this.backupCronJob, "component", COMPONENTS.backup);

    // Restore verification: no database credentials; the backup volume read-only, scratch on an emptyDir.
    // No pod affinity: the scheduler ignores finished pods, and a ReadWriteOnce volume is used by one
    // node at a time anyway; a verify run that overlaps a backup waits for the volume to detach.
    // With off-site copies it verifies the newest complete off-site set, downloaded first into its /tmp
    // emptyDir (the copy that survives the namespace), and does not mount the backup volume.
    const verifyPod: CronJobV1SpecJobTemplateSpecTemplateSpec = {
      ...podBasics(uid, offsite?.serviceAccountName),
      initContainer: offsite
        ? [
            {
              name: "offsite-download",
              image: offsite.image,
              imagePullPolicy: "IfNotPresent",
              command: ["sh", `${SCRIPTS_MOUNT_PATH}/offsite.sh`, "download"],
              env: [...offsiteEnv(offsite), { name: "OFFSITE_DOWNLOAD_DIR", value: OFFSITE_DOWNLOAD_DIR }],
              resources: resourcesBlock(offsite.resources),
              securityContext: secureContainerSecurityContext(uid),
              volumeMount: [
                { name: "scripts", mountPath: SCRIPTS_MOUNT_PATH, readOnly: true },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ]
        : undefined,
      container: [
        {
          name: "restore-verify",
          image: connection.clientImage,
          imagePullPolicy: "IfNotPresent",
          command: ["bash", `${SCRIPTS_MOUNT_PATH}/verify-restore.sh`],
          env: [
            { name: "BACKUP_DIR", value: offsite ? OFFSITE_DOWNLOAD_DIR : BACKUP_MOUNT_PATH },
            { name: "VERIFY_WORKDIR", value: VERIFY_WORKDIR },
          ],
          resources: resourcesBlock(this.verifyResources),
          securityContext: secureContainerSecurityContext(uid),
          volumeMount: [
            { name: "scripts", mountPath: SCRIPTS_MOUNT_PATH, readOnly: true },
            ...(offsite ? [] : [{ name: "backups", mountPath: BACKUP_MOUNT_PATH, readOnly: true }]),
            { name: "tmp", mountPath: "/tmp" },
            { name: "run", mountPath: "/var/run/postgresql" },
          ],
        },
      ],
      volume: [
        scriptsVolume,
        ...(offsite ? [] : [backupsVolume(true)]),
        { name: "tmp", emptyDir: { sizeLimit: verifyScratchSize } },
        { name: "run", emptyDir: { sizeLimit: "16Mi" } },
      ],
    };
    this.verifyCronJob = new CronJobV1(this, "verify", {
      metadata: { name: `${this.name}-verify`, namespace: this.namespace, labels: verifyLabels },
      spec: {
        ...cronSpec,
        schedule: this.verifySchedule,
        jobTemplate: {
          metadata: { labels: verifyLabels },
          spec: { ...jobSpec, template: { metadata: { labels: verifyLabels }, spec: verifyPod } },
        },
      },
    });
    setReadystackMetadata(this.verifyCronJob, "component", COMPONENTS.restoreVerify);
  }
}

/** Pod-level settings shared by the backup and verify pods (a ServiceAccount only for workload identity). */
function podBasics(uid: number, serviceAccountName?: string) {
  return {
    restartPolicy: "Never",
    ...(serviceAccountName !== undefined ? { serviceAccountName } : {}),
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: securePodSecurityContext(uid),
  };
}

function timeZoneProp(v: PropValidator, value: unknown): string {
  const accepted = 'an IANA time zone such as "Etc/UTC" or "Europe/Berlin"';
  if (typeof value !== "string" || value === "" || !/^[A-Za-z0-9_+/-]+$/.test(value)) v.fail("timeZone", value, accepted);
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
  } catch {
    v.fail("timeZone", value, accepted);
  }
  return value;
}

function accessModesProp(v: PropValidator, value: unknown): BackupAccessMode[] {
  if (!Array.isArray(value) || value.length === 0 || new Set(value).size !== value.length) {
    v.fail("accessModes", value, `a non-empty list of distinct modes from ${ACCESS_MODES.join(", ")}`);
  }
  return value.map((m, i) => v.oneOf(`accessModes[${i}]`, m, ACCESS_MODES));
}
