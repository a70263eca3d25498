import { PostgresConnection } from "../k8s/connections";
import { ContainerResources } from "../k8s/resources";

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
}
