import { createHash } from "crypto";
import { Token } from "cdktf";
import { PostgresConnection } from "../k8s/connections";
import { ContainerResources, resourcesBlock } from "../k8s/resources";
import { secureContainerSecurityContext } from "../k8s/security";
import { PropValidator } from "../k8s/validate";

/** The PostgreSQL port every readystack Postgres Service listens on (port name "postgres"). */
export const POSTGRES_PORT = 5432;

/** Port name of the Postgres container and Services. */
export const POSTGRES_PORT_NAME = "postgres";

/** PostgreSQL identifiers readystack accepts for user and database names (unquoted, lower case, ≤ 63 bytes). */
export const POSTGRES_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Mount path of the scripts ConfigMap (mode 0555), as in the script env contract. */
export const SCRIPTS_MOUNT_PATH = "/scripts";

/** Validate the namespace: a DNS-1123 label, or a Terraform token (e.g. a NamespaceV1's name) taken as is. */
export function namespaceProp(v: PropValidator, value: unknown): string {
  if (typeof value === "string" && Token.isUnresolved(value)) return value;
  return v.dnsLabel("namespace", value);
}

/** Validate a PostgreSQL identifier (user or database name). */
export function postgresIdentifier(v: PropValidator, field: string, value: unknown): string {
  if (typeof value !== "string" || !POSTGRES_IDENTIFIER.test(value)) {
    v.fail(field, value, "a PostgreSQL identifier: [a-z_][a-z0-9_]{0,62} (lower-case letters, digits, '_'; at most 63 characters)");
  }
  return value;
}

/** Merge resource overrides into defaults and validate them (field names `<prefix>.cpuRequest` ...; request <= limit). */
export function validatedResources(
  v: PropValidator,
  prefix: string,
  defaults: ContainerResources,
  overrides: Partial<ContainerResources> | undefined,
): ContainerResources {
  return v.resources(prefix, defaults, overrides);
}

/** An env var in the provider's structural shape (fits Deployment, StatefulSet, Job and CronJob). */
export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly secretKeyRef: { readonly name: string; readonly key: string } };
}

/**
 * The libpq environment for a client of `connection`: PGHOST, PGPORT, PGDATABASE, and PGUSER/PGPASSWORD
 * read from the connection's Secret (never literal).
 */
export function libpqEnv(connection: PostgresConnection): EnvVar[] {
  return [
    { name: "PGHOST", value: connection.host },
    { name: "PGPORT", value: String(connection.port) },
    { name: "PGDATABASE", value: connection.database },
    { name: "PGUSER", valueFrom: { secretKeyRef: { name: connection.usernameSecret.name, key: connection.usernameSecret.key } } },
    { name: "PGPASSWORD", valueFrom: { secretKeyRef: { name: connection.passwordSecret.name, key: connection.passwordSecret.key } } },
  ];
}

/** How long the wait-for-postgres init container tries before it fails the pod: attempts × interval. */
export const WAIT_FOR_POSTGRES = { attempts: 60, intervalSeconds: 5 } as const;

/** Resources of the small init container that waits for Postgres. */
export const WAIT_FOR_POSTGRES_RESOURCES: ContainerResources = {
  cpuRequest: "10m",
  memoryRequest: "16Mi",
  cpuLimit: "100m",
  memoryLimit: "64Mi",
};

/**
 * An init container that waits (bounded: 60 × 5 s) until Postgres accepts connections, using pg_isready
 * from the connection's client image. The script avoids `$(` (Kubernetes expands `$(VAR)` in commands)
 * and `${` (Terraform interpolation in cdk.tf.json).
 */
export function waitForPostgresInitContainer(connection: PostgresConnection, uid: number) {
  const { attempts, intervalSeconds } = WAIT_FOR_POSTGRES;
  const script =
    `for ((i = 1; i <= ${attempts}; i++)); do ` +
    `pg_isready -q -t 3 && exit 0; ` +
    `echo "waiting for postgres at $PGHOST:$PGPORT (attempt $i/${attempts})"; sleep ${intervalSeconds}; ` +
    `done; ` +
    `echo "postgres at $PGHOST:$PGPORT not ready after ${attempts * intervalSeconds}s" >&2; exit 1`;
  return {
    name: "wait-for-postgres",
    image: connection.clientImage,
    command: ["bash", "-c", script],
    env: [
      { name: "PGHOST", value: connection.host },
      { name: "PGPORT", value: String(connection.port) },
    ],
    resources: resourcesBlock(WAIT_FOR_POSTGRES_RESOURCES),
    securityContext: secureContainerSecurityContext(uid),
  };
}

/** First `length` hex characters of the sha256 of the parts (each part followed by a NUL separator). */
export function shortHash(parts: readonly string[], length = 10): string {
  const h = createHash("sha256");
  for (const p of parts) {
    h.update(p, "utf8");
    h.update("\0");
  }
  return h.digest("hex").slice(0, length);
}

/** Validate a PostgresConnection prop (field names `connection.<key>`); token values are taken as they are. */
export function validateConnection(v: PropValidator, c: PostgresConnection | undefined): PostgresConnection {
  if (c === null || typeof c !== "object") v.fail("connection", c, "a PostgresConnection (e.g. PostgresDatabase.connection)");
  v.nonEmpty("connection.host", c.host);
  v.port("connection.port", c.port);
  v.nonEmpty("connection.database", c.database);
  v.nonEmpty("connection.usernameSecret.name", c.usernameSecret?.name);
  v.nonEmpty("connection.usernameSecret.key", c.usernameSecret?.key);
  v.nonEmpty("connection.passwordSecret.name", c.passwordSecret?.name);
  v.nonEmpty("connection.passwordSecret.key", c.passwordSecret?.key);
  if (!Token.isUnresolved(c.clientImage)) v.image("connection.clientImage", c.clientImage);
  return c;
}
