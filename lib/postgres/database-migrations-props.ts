import { PostgresConnection } from "../k8s/connections";
import { ContainerResources } from "../k8s/resources";

/**
 * Props of {@link DatabaseMigrations}. Exactly one mode: `command` (+ `image`) runs the application's own
 * migrator; `migrationsDir` runs readystack's SQL migrator (migrate.sh) over a directory of `.sql` files.
 */
export interface DatabaseMigrationsProps {
  /** Namespace of every object (the database's namespace). */
  readonly namespace: string;
  /** The database to migrate (PostgresDatabase.connection). */
  readonly connection: PostgresConnection;
  /**
   * Base name. The Job is `<name>-<hash>` (hash of the migrations, 10 hex characters); the ConfigMaps are
   * `<name>-sql` and `<name>-scripts`. A DNS-1123 label of at most 52 characters.
   * @default "db-migrations"
   */
  readonly name?: string;
  /**
   * Command mode: the application's migration command, e.g. `["npm", "run", "migrate"]`. It gets the libpq
   * env (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD) and DATABASE_URL. Requires `image`.
   * @default - not set (then `migrationsDir` is required)
   */
  readonly command?: string[];
  /**
   * Command mode: the application image that contains the migrator, pinned by tag or digest.
   * Only with `command`.
   * @default - not set
   */
  readonly image?: string;
  /**
   * SQL mode: a local directory of `*.sql` files (read at synth time, applied in lexical order, each file
   * once, tracked in `schema_migrations`). Relative paths are resolved against the working directory.
   * @default - not set (then `command` is required)
   */
  readonly migrationsDir?: string;
  /**
   * Extra plain environment variables for the command-mode migrator (never secrets: they land in cdk.tf.json).
   * @default {}
   */
  readonly env?: Record<string, string>;
  /**
   * Pod retries before the Job (and so `terraform apply`) fails; 0..10.
   * @default 1
   */
  readonly backoffLimit?: number;
  /**
   * Maximum run time of the Job in seconds; 60..86400.
   * @default 900
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * How long Terraform waits for the Job to complete on create and update (a duration such as "15m").
   * @default "15m"
   */
  readonly timeout?: string;
  /**
   * UID (and GID) the migrator runs as.
   * @default - 10001 in command mode, 999 (the postgres image's user) in SQL mode
   */
  readonly runAsUser?: number;
  /**
   * Requests and limits of the migrator container.
   * @default { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "1", memoryLimit: "512Mi" }
   */
  readonly resources?: Partial<ContainerResources>;
}
