import * as fc from "fast-check";
import { PostgresConnection, RedisConnection } from "../../lib/k8s/connections";
import { garbage, Tagged } from "./support";

/** A connection as PostgresDatabase.connection gives it (literal names). */
export const pgConnection: PostgresConnection = {
  host: "postgres.app.svc.cluster.local",
  port: 5432,
  database: "app",
  usernameSecret: { name: "postgres-credentials", key: "username" },
  passwordSecret: { name: "postgres-credentials", key: "password" },
  clientImage: "postgres:17.6-bookworm",
  podSelector: { "app.kubernetes.io/name": "postgres" },
};

/** A connection as RedisCache.connection gives it. */
export const redisConnection: RedisConnection = {
  host: "redis.app.svc.cluster.local",
  port: 6379,
  passwordSecret: { name: "redis-auth", key: "password" },
  clientImage: "redis:7.4.5-bookworm",
  podSelector: { "app.kubernetes.io/name": "redis" },
};

/** A connection with one field broken. */
function broken<T extends object>(valid: T, breakages: Record<string, unknown[]>): fc.Arbitrary<unknown> {
  const entries = Object.entries(breakages).flatMap(([path, values]) => values.map((v) => [path, v] as const));
  return fc.constantFrom(...entries).map(([path, v]) => {
    const copy = JSON.parse(JSON.stringify(valid)) as Record<string, Record<string, unknown>>;
    const [a, b] = path.split(".");
    if (b === undefined) (copy as Record<string, unknown>)[a] = v;
    else copy[a] = { ...copy[a], [b]: v };
    return copy;
  });
}

const pgBreakages = {
  host: ["", " ", 5, undefined],
  port: [0, 70000, "5432", Number.NaN],
  database: ["", null],
  "usernameSecret.name": ["", undefined],
  "passwordSecret.key": ["", 7],
  clientImage: ["postgres", "postgres:latest", ""],
  usernameSecret: [null, "x"],
};

/** A required Postgres connection: valid, broken in one field, or garbage. */
export function pgConnectionProp(required: boolean): fc.Arbitrary<Tagged> {
  return fc.oneof(
    { arbitrary: fc.constant<Tagged>({ value: pgConnection, kind: "ok" }), weight: required ? 20 : 6 },
    { arbitrary: fc.constant<Tagged>({ value: undefined, kind: required ? "bad" : "ok" }), weight: required ? 1 : 6 },
    { arbitrary: fc.oneof(broken(pgConnection, pgBreakages), garbage).map<Tagged>((value) => ({ value, kind: "bad" })), weight: 2 },
  );
}

/** An optional Redis connection. */
export const redisConnectionProp: fc.Arbitrary<Tagged> = fc.oneof(
  { arbitrary: fc.constant<Tagged>({ value: redisConnection, kind: "ok" }), weight: 6 },
  { arbitrary: fc.constant<Tagged>({ value: undefined, kind: "ok" }), weight: 6 },
  {
    arbitrary: fc
      .oneof(broken(redisConnection, { host: ["", 1], port: [0, "6379"], "passwordSecret.name": ["", null], clientImage: ["redis"], passwordSecret: [null] }), garbage)
      .map<Tagged>((value) => ({ value, kind: "bad" })),
    weight: 2,
  },
);
