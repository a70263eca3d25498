import { Token } from "cdktf";
import { PostgresConnection, RedisConnection, SecretKeyRef } from "../k8s/connections";
import { PropValidator } from "../k8s/validate";
import { EnvVarDoc } from "./env-example";

/** A plain env name that looks like it holds a secret (the same pattern RS-NO-SECRET-LITERALS uses). */
export const SECRET_LOOKING_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** One container env entry, in the provider's shape. */
export interface ApiEnvEntry {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
    readonly secretKeyRef?: { readonly name: string; readonly key: string };
  };
}

/** Inputs of {@link buildApiEnv}. */
export interface ApiEnvInput {
  readonly port: number;
  readonly logLevel: string;
  readonly logFormat: string;
  readonly database?: PostgresConnection;
  readonly redis?: RedisConnection;
  readonly env: Record<string, string>;
  readonly secretEnv: Record<string, SecretKeyRef>;
  readonly envDescriptions: Record<string, string>;
}

/** The API container's environment, in three parts that must stay in this order. */
export interface ApiEnv {
  /** ConfigMap data: every plain variable. */
  readonly configData: Record<string, string>;
  /**
   * Container env: plain variables (configMapKeyRef), then Secret refs, then values composed with `$(VAR)`.
   * Kubernetes expands `$(VAR)` only for variables defined EARLIER in the list, so the refs come first.
   */
  entries(configMapName: string): ApiEnvEntry[];
  /** Documentation of every variable, in container order. */
  readonly docs: EnvVarDoc[];
}

interface Plain {
  readonly name: string;
  readonly value: string;
  readonly description: string;
}
interface FromSecret {
  readonly name: string;
  readonly ref: SecretKeyRef;
  readonly description: string;
}
interface Composed {
  readonly name: string;
  readonly value: string;
  readonly description: string;
  readonly composedFrom: string[];
}

/**
 * Validate the user's env and secretEnv against the managed variables and build the container environment.
 * Throws ReadystackConfigError (through `v`) for a bad name, a collision, or a secret-looking plain variable.
 */
export function buildApiEnv(v: PropValidator, input: ApiEnvInput): ApiEnv {
  const plain: Plain[] = [
    { name: "LOG_FORMAT", value: input.logFormat, description: "Log output format: json (one JSON object per line, for the log pipeline) or text." },
    { name: "LOG_LEVEL", value: input.logLevel, description: "Minimum log level: debug, info, warn or error." },
    { name: "PORT", value: String(input.port), description: 'TCP port the HTTP server listens on (the container port named "http").' },
  ];
  const secrets: FromSecret[] = [];
  const composed: Composed[] = [];
  const db = input.database;
  if (db) {
    plain.push(
      { name: "PGHOST", value: db.host, description: "PostgreSQL host (the in-cluster Service name)." },
      { name: "PGPORT", value: String(db.port), description: "PostgreSQL port." },
      { name: "PGDATABASE", value: db.database, description: "PostgreSQL database name." },
    );
    secrets.push(
      { name: "DB_USER", ref: db.usernameSecret, description: "PostgreSQL user name." },
      { name: "DB_PASSWORD", ref: db.passwordSecret, description: "PostgreSQL password." },
    );
    composed.push({
      name: "DATABASE_URL",
      value: `postgresql://$(DB_USER):$(DB_PASSWORD)@${db.host}:${db.port}/${db.database}`,
      description: `PostgreSQL connection URL: postgresql://<DB_USER>:<DB_PASSWORD>@${db.host}:${db.port}/${db.database}\n(Kubernetes builds it from DB_USER and DB_PASSWORD).`,
      composedFrom: ["DB_USER", "DB_PASSWORD"],
    });
  }
  const redis = input.redis;
  if (redis) {
    secrets.push({ name: "REDIS_PASSWORD", ref: redis.passwordSecret, description: "Redis password (requirepass)." });
    composed.push({
      name: "REDIS_URL",
      value: `redis://:$(REDIS_PASSWORD)@${redis.host}:${redis.port}/0`,
      description: `Redis URL (database 0): redis://:<REDIS_PASSWORD>@${redis.host}:${redis.port}/0\n(Kubernetes builds it from REDIS_PASSWORD).`,
      composedFrom: ["REDIS_PASSWORD"],
    });
  }
  const managed = new Set([...plain, ...secrets, ...composed].map((e) => e.name));
  const managedList = [...managed].join(", ");

  const userPlain: Plain[] = [];
  for (const name of Object.keys(input.env).sort()) {
    const field = `env.${name}`;
    v.envName("env", name);
    if (managed.has(name)) v.fail("env", name, `a name not managed by ApiService (${managedList})`);
    if (SECRET_LOOKING_NAME.test(name)) {
      v.fail("env", name, "a non-secret name: variables named like PASSWORD, PASSWD, SECRET, TOKEN, API_KEY, PRIVATE_KEY or CREDENTIAL must come from a Secret via secretEnv");
    }
    const value = input.env[name];
    if (typeof value !== "string") v.fail(field, value, "a string value");
    userPlain.push({ name, value, description: input.envDescriptions[name] ?? "Application setting." });
  }
  const userSecrets: FromSecret[] = [];
  for (const name of Object.keys(input.secretEnv).sort()) {
    const field = `secretEnv.${name}`;
    v.envName("secretEnv", name);
    if (managed.has(name)) v.fail("secretEnv", name, `a name not managed by ApiService (${managedList})`);
    if (Object.prototype.hasOwnProperty.call(input.env, name)) v.fail("secretEnv", name, "a name not also given in env");
    const ref = input.secretEnv[name];
    if (ref === null || typeof ref !== "object") v.fail(field, ref, "a SecretKeyRef { name, key }");
    v.dnsSubdomain(`${field}.name`, ref.name, "a Secret name (DNS subdomain: lower-case letters, digits, '-' and '.')");
    if (typeof ref.key !== "string" || (!Token.isUnresolved(ref.key) && !SECRET_KEY.test(ref.key))) {
      v.fail(`${field}.key`, ref.key, "a Secret key: letters, digits, '-', '_' and '.'");
    }
    userSecrets.push({ name, ref, description: input.envDescriptions[name] ?? "Application secret." });
  }
  for (const name of Object.keys(input.envDescriptions)) {
    if (!Object.prototype.hasOwnProperty.call(input.env, name) && !Object.prototype.hasOwnProperty.call(input.secretEnv, name)) {
      v.fail("envDescriptions", name, "descriptions only for variables given in env or secretEnv");
    }
    if (typeof input.envDescriptions[name] !== "string") v.fail(`envDescriptions.${name}`, input.envDescriptions[name], "a string");
  }

  const allPlain = [...plain, ...userPlain];
  const allSecrets = [...secrets, ...userSecrets];
  const configData: Record<string, string> = {};
  for (const p of allPlain) configData[p.name] = p.value;

  const docs: EnvVarDoc[] = [
    ...allPlain.map((p) => ({ name: p.name, secret: false, description: p.description, example: p.value })),
    ...allSecrets.map((s) => ({ name: s.name, secret: true, description: s.description, secretRef: { name: s.ref.name, key: s.ref.key } })),
    ...composed.map((c) => ({ name: c.name, secret: true, description: c.description, composedFrom: c.composedFrom })),
  ];

  return {
    configData,
    docs,
    entries: (configMapName: string) => [
      ...allPlain.map((p) => ({ name: p.name, valueFrom: { configMapKeyRef: { name: configMapName, key: p.name } } })),
      ...allSecrets.map((s) => ({ name: s.name, valueFrom: { secretKeyRef: { name: s.ref.name, key: s.ref.key } } })),
      ...composed.map((c) => ({ name: c.name, value: c.value })),
    ],
  };
}
