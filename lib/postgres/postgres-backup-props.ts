import { PostgresConnection } from "../k8s/connections";
import { ContainerResources } from "../k8s/resources";

/** Credentials of the off-site uploader read from an existing Secret of the namespace (never written into the Terraform JSON). */
export interface OffsiteSecretCredentials {
  /** Name of an existing Secret in the backup's namespace holding an S3 access key pair. */
  readonly secretName: string;
  /**
   * Key in the Secret holding the access key id.
   * @default "AWS_ACCESS_KEY_ID"
   */
  readonly accessKeyIdKey?: string;
  /**
   * Key in the Secret holding the secret access key.
   * @default "AWS_SECRET_ACCESS_KEY"
   */
  readonly secretAccessKeyKey?: string;
}

/**
 * How the uploader authenticates: an access key pair from a Secret; `"workload-identity"` (the pods run as
 * `serviceAccountName`, bound to a cloud role: EKS IRSA / Pod Identity, GKE or Azure workload identity);
 * or `"none"` (the AWS SDK default chain finds credentials itself, e.g. the node's instance role).
 */
export type OffsiteCredentials = OffsiteSecretCredentials | "workload-identity" | "none";

/** rclone's S3 provider names readystack accepts (they select small per-vendor quirks). */
export type OffsiteProvider = "AWS" | "Minio" | "Ceph" | "Cloudflare" | "GCS" | "Wasabi" | "DigitalOcean" | "Other";

/** How an uploaded object is checked before the set is declared complete. */
export type OffsiteUploadCheck = "hash" | "download";

/**
 * Off-site copies of the dumps on S3-compatible object storage (AWS S3, MinIO, Ceph RGW, Cloudflare R2, ...).
 * After each dump an uploader container (the official rclone image) copies the dump, its `.counts` and
 * `.sha256` to `<bucket>/<prefix>/<db>-<stamp>-<run id>.*`, verifies every object's checksum and only then
 * writes the set's manifest `<set>.complete`; the restore-verify job downloads the newest complete
 * off-site set instead of reading the local volume.
 */
export interface PostgresBackupOffsite {
  /** Name of the bucket. It must exist; it is never created (the uploader needs no CreateBucket permission). */
  readonly bucket: string;
  /**
   * Key prefix of the objects inside the bucket (no leading or trailing '/').
   * @default - the bucket's top level
   */
  readonly prefix?: string;
  /**
   * Region of the bucket (Cloudflare R2 takes "auto").
   * @default "us-east-1"
   */
  readonly region?: string;
  /**
   * Endpoint URL of S3-compatible storage (`https://host[:port]`), e.g. MinIO, Ceph RGW or
   * `https://<account>.r2.cloudflarestorage.com`. Its port is the port the egress NetworkPolicy opens.
   * @default - AWS S3 (https, port 443)
   */
  readonly endpoint?: string;
  /**
   * Path-style addressing (`https://host/bucket/key`) instead of virtual-hosted style (`https://bucket.host/key`).
   * @default - true with an `endpoint` (what MinIO and Ceph expect), false for AWS S3
   */
  readonly forcePathStyle?: boolean;
  /**
   * rclone's S3 provider setting.
   * @default - "AWS" without an `endpoint`, "Other" with one
   */
  readonly provider?: OffsiteProvider;
  /** Where the credentials come from (see {@link OffsiteCredentials}). */
  readonly credentials: OffsiteCredentials;
  /**
   * ServiceAccount the backup and verify pods run as; required with `credentials: "workload-identity"`
   * (the account your cloud identity is bound to). The pods still do not mount the Kubernetes API token.
   * @default - none: the namespace's default ServiceAccount
   */
  readonly serviceAccountName?: string;
  /**
   * How many complete off-site sets to keep (the newest); 1..1000.
   * @default - the local `retention`
   */
  readonly retention?: number;
  /**
   * Also keep every off-site set younger than this many days (a set is pruned only when neither
   * `retention` nor `retentionDays` keeps it); 1..36500.
   * @default - off: only `retention` counts
   */
  readonly retentionDays?: number;
  /**
   * Keep the dumps on the local PVC as well. `false`: off-site only — no PVC; each run dumps to an emptyDir
   * of `storageSize` and uploads from there (then `accessModes`, `storageClassName` and `preventDestroy` do not apply).
   * @default true
   */
  readonly local?: boolean;
  /**
   * How each uploaded object is checked: "hash" compares the MD5 the server reports for the object with the
   * local file's; "download" reads the object back and compares sha256 (double traffic; use it when the
   * server's ETag is not an MD5, e.g. SSE-KMS default bucket encryption).
   * @default "hash"
   */
  readonly verifyUpload?: OffsiteUploadCheck;
  /**
   * IP ranges the backup and verify pods may reach on the endpoint's port (NetworkPolicy egress, used by
   * ReadyStack). The default allows that one port to any address, because the addresses of AWS S3 and
   * most object stores change; name your store's ranges to narrow it.
   * @default ["0.0.0.0/0"]
   */
  readonly egressCidrs?: string[];
  /**
   * Image of the uploader/downloader containers (an image with rclone, sh, md5sum and sha256sum).
   * @default RCLONE_IMAGE (the official rclone/rclone image, pinned)
   */
  readonly image?: string;
  /**
   * Requests and limits of the uploader/downloader containers.
   * @default { cpuRequest: "50m", memoryRequest: "64Mi", cpuLimit: "1", memoryLimit: "256Mi" }
   */
  readonly resources?: Partial<ContainerResources>;
}

/** Access modes the backup volume may have (both the backup and the verify pod mount it). */
export type BackupAccessMode = "ReadWriteOnce" | "ReadWriteOncePod" | "ReadWriteMany";

/** Props of {@link PostgresBackup}. */
export interface PostgresBackupProps {
  /** Namespace of every object (the database's namespace). */
  readonly namespace: string;
  /** The database to back up (PostgresDatabase.connection). */
  readonly connection: PostgresConnection;
  /**
   * Base name: the backup CronJob and PVC are `<name>`, the restore-verify CronJob `<name>-verify`,
   * the scripts ConfigMap `<name>-scripts`. A DNS-1123 label of at most 45 characters.
   * @default "postgres-backup"
   */
  readonly name?: string;
  /**
   * When the backup runs (5-field cron or a macro such as "@daily"), in `timeZone`.
   * @default "0 3 * * *"
   */
  readonly schedule?: string;
  /**
   * When the restore verification runs (it verifies the newest complete dump). Schedule it after the backup
   * has had time to finish.
   * @default "0 5 * * *"
   */
  readonly verifySchedule?: string;
  /**
   * IANA time zone of both schedules (CronJob `timeZone`).
   * @default "Etc/UTC"
   */
  readonly timeZone?: string;
  /**
   * How many complete dumps to keep (BACKUP_RETENTION); 1..1000.
   * @default 7
   */
  readonly retention?: number;
  /**
   * Size of the backup volume. Leave room for `retention` + 1 dumps.
   * @default "20Gi"
   */
  readonly storageSize?: string;
  /**
   * StorageClass of the backup volume.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Access modes of the backup volume. With ReadWriteOnce the volume is attached to one node at a time:
   * the backup and verify jobs take turns (the default schedules are two hours apart), and a verify pod
   * that starts while a backup runs on another node waits for the volume. ReadWriteMany storage
   * (e.g. NFS/CephFS/EFS) removes the constraint.
   * @default ["ReadWriteOnce"]
   */
  readonly accessModes?: BackupAccessMode[];
  /**
   * Deadline in seconds for starting a missed run (CronJob `startingDeadlineSeconds`); 10..86400.
   * @default 600
   */
  readonly startingDeadlineSeconds?: number;
  /**
   * Maximum run time in seconds of one backup or verify Job (`activeDeadlineSeconds`); 60..86400.
   * @default 3600
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Size limit of the verify pod's scratch emptyDir (/tmp, holding the throwaway restored database).
   * It must hold the restored database.
   * @default "10Gi"
   */
  readonly verifyScratchSize?: string;
  /**
   * Requests and limits of the backup container.
   * @default { cpuRequest: "100m", memoryRequest: "256Mi", cpuLimit: "1", memoryLimit: "1Gi" }
   */
  readonly resources?: Partial<ContainerResources>;
  /**
   * Requests and limits of the restore-verify container (it runs a throwaway PostgreSQL server).
   * @default { cpuRequest: "250m", memoryRequest: "512Mi", cpuLimit: "1", memoryLimit: "1Gi" }
   */
  readonly verifyResources?: Partial<ContainerResources>;
  /**
   * Set Terraform's `lifecycle.prevent_destroy` on the backup PVC.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Off-site copies to S3-compatible object storage, verified by the restore-verify job from there.
   * @default - none: dumps stay on the PVC in the namespace (lost with it)
   */
  readonly offsite?: PostgresBackupOffsite;
}
