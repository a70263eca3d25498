import * as fs from "fs";
import * as path from "path";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { JobV1, JobV1SpecTemplateSpecVolume } from "@cdktf/provider-kubernetes/lib/job-v1";
import { selectorLabels, standardLabels } from "../k8s/labels";
import { COMPONENTS, setReadystackMetadata } from "../k8s/metadata";
import { ContainerResources, resourcesBlock } from "../k8s/resources";
import { secureContainerSecurityContext, securePodSecurityContext } from "../k8s/security";
import { parseImageReference, PropValidator } from "../k8s/validate";
import { readScript } from "../scripts";
import { IMAGE_USERS } from "../versions";
import { DatabaseMigrationsProps } from "./database-migrations-props";
import {
  EnvVar,
  libpqEnv,
  validateConnection,
  namespaceProp,
  SCRIPTS_MOUNT_PATH,
  shortHash,
  validatedResources,
  waitForPostgresInitContainer,
} from "./shared";
import { literalText, terraformLiteral } from "../k8s/terraform-text";

export type { DatabaseMigrationsProps } from "./database-migrations-props";

/** Default requests/limits of the migrator container. */
export const MIGRATIONS_DEFAULT_RESOURCES: ContainerResources = {
  cpuRequest: "100m",
  memoryRequest: "128Mi",
  cpuLimit: "1",
  memoryLimit: "512Mi",
};

/** A migration file name readystack accepts (also a valid ConfigMap key). */
export const MIGRATION_FILE_NAME = /^[0-9A-Za-z._-]+\.sql$/;
/** Where the SQL files are mounted in SQL mode. */
export const MIGRATIONS_MOUNT_PATH = "/migrations";
/** A ConfigMap holds at most 1 MiB; leave room for metadata. */
const MAX_SQL_BYTES = 1_000_000;
/** UID the command-mode migrator runs as unless told otherwise. */
const DEFAULT_APP_UID = 10001;

/** One migration file read at synth time. */
export interface MigrationFile {
  /** File name (the ConfigMap key). */
  readonly name: string;
  /** File content (UTF-8). */
  readonly content: string;
}

/**
 * Runs the database migrations as a Kubernetes Job that Terraform waits for (`wait_for_completion`), so a
 * failing migration fails `terraform apply` and whatever depends on `job` (the API) is not rolled out.
 *
 * The Job's name ends in a hash of the migrations (`<name>-<10 hex>`): in SQL mode over the file names and
 * contents plus migrate.sh, in command mode over image, command and env. A changed migration therefore
 * renames the Job, and Terraform replaces it (a Job's pod template is immutable anyway), which runs the
 * migrator again; unchanged migrations leave the completed Job in place (no TTL, so Terraform keeps
 * tracking it). Re-running is safe: migrate.sh applies each file once (schema_migrations, advisory lock),
 * and application migrators are expected to be idempotent in the same way.
 */
export class DatabaseMigrations extends Construct {
  /** Namespace of every object. */
  public readonly namespace: string;
  /** Resolved base name. */
  public readonly name: string;
  /** "sql" (migrationsDir) or "command". */
  public readonly mode: "sql" | "command";
  /** The migration hash in the Job name. */
  public readonly hash: string;
  /** SQL mode: the files applied, in order; empty in command mode. */
  public readonly files: readonly MigrationFile[];
  /** Resolved requests/limits of the migrator container. */
  public readonly resources: ContainerResources;
  /** Labels selecting the migration pods. */
  public readonly podSelector: Record<string, string>;

  /** The migration Job (Terraform waits for its completion). */
  public readonly job: JobV1;
  /** SQL mode: the ConfigMaps with the SQL files and migrate.sh; empty in command mode. */
  public readonly configMaps: ConfigMapV1[];

  constructor(scope: Construct, id: string, props: DatabaseMigrationsProps) {
    super(scope, id);
    const v: PropValidator = new PropValidator(this);
    if (props === null || typeof props !== "object") v.fail("props", props, "a DatabaseMigrationsProps object");

    this.namespace = namespaceProp(v, props.namespace);
    const connection = validateConnection(v, props.connection);
    this.name = v.dnsLabel("name", props.name ?? "db-migrations", 52);
    const hasCommand = props.command !== undefined;
    const hasDir = props.migrationsDir !== undefined;
    v.notBoth("command", props.command, "migrationsDir", props.migrationsDir);
    if (!hasCommand && !hasDir) {
      v.fail("command/migrationsDir", undefined, "exactly one of command (with image) or migrationsDir");
    }
    this.mode = hasCommand ? "command" : "sql";
    const backoffLimit = v.integer("backoffLimit", props.backoffLimit ?? 1, 0, 10);
    const activeDeadlineSeconds = v.integer("activeDeadlineSeconds", props.activeDeadlineSeconds ?? 900, 60, 86400);
    const timeout = v.duration("timeout", props.timeout ?? "15m");
    const uid = v.integer("runAsUser", props.runAsUser ?? (hasCommand ? DEFAULT_APP_UID : IMAGE_USERS.postgres), 1, 2147483647);
    this.resources = validatedResources(v, "resources", MIGRATIONS_DEFAULT_RESOURCES, props.resources);
    const extraEnv = envProp(v, props.env ?? {});

    const labelInput = { name: "db-migrations", instance: this.name, component: COMPONENTS.migrations };
    const labels = standardLabels(labelInput);
    this.podSelector = selectorLabels(labelInput);

    let image: string;
    let command: string[];
    let env: EnvVar[];
    const mounts: { name: string; mountPath: string; readOnly?: boolean }[] = [{ name: "tmp", mountPath: "/tmp" }];
    const volumes: JobV1SpecTemplateSpecVolume[] = [{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }];

    if (hasCommand) {
      command = commandProp(v, props.command);
      const appImage = props.image;
      if (appImage === undefined) v.fail("image", appImage, "the application image (pinned) when command is given");
      image = Token.isUnresolved(appImage) ? appImage : v.image("image", appImage);
      env = [
        ...libpqEnv(connection),
        // Kubernetes expands $(PGUSER)/$(PGPASSWORD) from the variables above; nothing secret lands in the JSON.
        { name: "DATABASE_URL", value: `postgresql://$(PGUSER):$(PGPASSWORD)@${connection.host}:${connection.port}/${connection.database}` },
        ...Object.entries(extraEnv).map(([name, value]) => ({ name, value: literalText(value) })),
      ];
      this.files = [];
      this.hash = shortHash(["command", image, ...command, ...Object.entries(extraEnv).flat()]);
      this.configMaps = [];
    } else {
      if (props.image !== undefined) v.fail("image", props.image, "no image with migrationsDir (the SQL migrator runs in connection.clientImage)");
      if (props.env !== undefined) v.fail("env", props.env, "no env with migrationsDir (only the command-mode migrator takes extra env)");
      this.files = readMigrationsDir(v, props.migrationsDir);
      const migrateScript = readScript("migrate.sh");
      this.hash = shortHash([...this.files.flatMap((f) => [f.name, f.content]), "migrate.sh", migrateScript]);
      image = connection.clientImage;
      command = ["bash", `${SCRIPTS_MOUNT_PATH}/migrate.sh`];
      env = [...libpqEnv(connection), { name: "MIGRATIONS_DIR", value: MIGRATIONS_MOUNT_PATH }];
      const sql = new ConfigMapV1(this, "sql", {
        metadata: { name: `${this.name}-sql`, namespace: this.namespace, labels },
        data: Object.fromEntries(this.files.map((f) => [f.name, terraformLiteral(f.content)])),
      });
      const scripts = new ConfigMapV1(this, "scripts", {
        metadata: { name: `${this.name}-scripts`, namespace: this.namespace, labels },
        data: { "migrate.sh": terraformLiteral(migrateScript) },
      });
      for (const cm of [sql, scripts]) setReadystackMetadata(cm, "component", COMPONENTS.migrations);
      this.configMaps = [sql, scripts];
      mounts.push(
        { name: "scripts", mountPath: SCRIPTS_MOUNT_PATH, readOnly: true },
        { name: "migrations", mountPath: MIGRATIONS_MOUNT_PATH, readOnly: true },
      );
      volumes.push(
        { name: "scripts", configMap: { name: scripts.metadata.name, defaultMode: "0555" } },
        { name: "migrations", configMap: { name: sql.metadata.name, defaultMode: "0444" } },
      );
    }

    const version = Token.isUnresolved(image) ? undefined : parseImageReference(image)?.tag;
    const jobLabels = version === undefined ? labels : standardLabels({ ...labelInput, version });
    this.job = new JobV1(this, "job", {
      metadata: { name: `${this.name}-${this.hash}`, namespace: this.namespace, labels: jobLabels },
      spec: {
        backoffLimit,
        activeDeadlineSeconds,
        template: {
          metadata: { labels: jobLabels },
          spec: {
            restartPolicy: "Never",
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: securePodSecurityContext(uid),
            initContainer: [waitForPostgresInitContainer(connection, IMAGE_USERS.postgres)],
            container: [
              {
                name: "migrate",
                image,
                imagePullPolicy: "IfNotPresent",
                command: command.map(literalText),
                env,
                resources: resourcesBlock(this.resources),
                securityContext: secureContainerSecurityContext(uid),
                volumeMount: mounts,
              },
            ],
            volume: volumes,
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: timeout, update: timeout },
    });
    setReadystackMetadata(this.job, "component", COMPONENTS.migrations);
    setReadystackMetadata(this.job, "migrationsMode", this.mode);
    setReadystackMetadata(this.job, "migrationsHash", this.hash);
  }
}

/**
 * Read the `.sql` files of a directory (lexical order, names validated). Other files are ignored.
 * Throws ReadystackConfigError (field migrationsDir) when the directory is missing, unreadable or has no
 * `.sql` file, when a name is not accepted, or when the files exceed what a ConfigMap holds.
 */
export function readMigrationsDir(v: PropValidator, dir: unknown): MigrationFile[] {
  if (typeof dir !== "string" || dir.trim() === "") v.fail("migrationsDir", dir, "a path to a directory of .sql files");
  const resolved = path.resolve(dir);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(resolved, { withFileTypes: true });
  } catch (e) {
    v.fail("migrationsDir", dir, `an existing, readable directory of .sql files (${resolved}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const names = entries
    .filter((e) => e.name.endsWith(".sql") && (e.isFile() || (e.isSymbolicLink() && fs.statSync(path.join(resolved, e.name)).isFile())))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) v.fail("migrationsDir", dir, `a directory with at least one .sql file (${resolved} has none)`);
  let total = 0;
  return names.map((name) => {
    if (!MIGRATION_FILE_NAME.test(name)) {
      v.fail("migrationsDir", path.join(dir, name), `migration file names matching ${MIGRATION_FILE_NAME.source}`);
    }
    const content = fs.readFileSync(path.join(resolved, name), "utf8");
    total += Buffer.byteLength(content, "utf8");
    if (total > MAX_SQL_BYTES) {
      v.fail("migrationsDir", dir, `.sql files totalling at most ${MAX_SQL_BYTES} bytes (they go into one ConfigMap, limit 1 MiB)`);
    }
    return { name, content };
  });
}


function commandProp(v: PropValidator, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((c) => typeof c !== "string" || c === "")) {
    v.fail("command", value, 'a non-empty list of non-empty strings, e.g. ["npm", "run", "migrate"]');
  }
  return [...(value as string[])];
}

function envProp(v: PropValidator, value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) v.fail("env", value, "a map of variable names to strings");
  const reserved = new Set(["PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "DATABASE_URL"]);
  for (const [name, val] of Object.entries(value as Record<string, unknown>)) {
    v.envName(`env.${name}`, name);
    if (reserved.has(name)) v.fail(`env.${name}`, val, "a variable other than the database variables readystack sets");
    if (typeof val !== "string") v.fail(`env.${name}`, val, "a string");
  }
  return value as Record<string, string>;
}
