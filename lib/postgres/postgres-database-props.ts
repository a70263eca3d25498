import { ContainerResources } from "../k8s/resources";

/** Props of {@link PostgresDatabase}. */
export interface PostgresDatabaseProps {
  /** Namespace of every object. */
  readonly namespace: string;
  /**
   * Name of the StatefulSet and the client Service (the headless Service is `<name>-headless`,
   * the generated Secret `<name>-credentials`). A DNS-1123 label of at most 52 characters.
   * @default "postgres"
   */
  readonly name?: string;
  /**
   * PostgreSQL image, pinned by tag or digest. It must be an official-postgres-compatible image
   * (docker-entrypoint, pg_isready, UID/GID 999); it is also the client image for backup and migrations.
   * @default IMAGES.postgres
   */
  readonly image?: string;
  /**
   * Database created at first start (POSTGRES_DB). A PostgreSQL identifier `[a-z_][a-z0-9_]{0,62}`.
   * @default "app"
   */
  readonly database?: string;
  /**
   * Owner user created at first start (POSTGRES_USER), when the credentials are generated. Not allowed
   * together with `existingSecretName` (the user name then comes from that Secret).
   * @default "app"
   */
  readonly username?: string;
  /**
   * Use an existing Secret with keys `username` and `password` instead of generating a password.
   * Not allowed together with `username`.
   * @default - a random 32-character password (random_password) in a generated `kubernetes.io/basic-auth` Secret
   */
  readonly existingSecretName?: string;
  /**
   * Size of the data volume (one PVC from the StatefulSet's volume claim template).
   * @default "10Gi"
   */
  readonly storageSize?: string;
  /**
   * StorageClass of the data volume.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Requests and limits of the Postgres container; fields not given keep their default.
   * @default { cpuRequest: "250m", memoryRequest: "512Mi", cpuLimit: "1", memoryLimit: "1Gi" }
   */
  readonly resources?: Partial<ContainerResources>;
  /**
   * Size of the memory-backed /dev/shm (Postgres' dynamic shared memory; counts against the memory limit).
   * @default "256Mi"
   */
  readonly sharedMemorySize?: string;
  /**
   * How long the startup probe gives Postgres to come up (initdb, or crash recovery after an unclean stop)
   * before the kubelet restarts it. Seconds, 60..86400.
   * @default 600
   */
  readonly startupTimeoutSeconds?: number;
  /**
   * Set Terraform's `lifecycle.prevent_destroy` on the StatefulSet, the generated Secret and the
   * random_password, so a `terraform destroy` or a replacing change cannot take the database away.
   * @default true
   */
  readonly preventDestroy?: boolean;
}
