import * as path from "path";
import * as fc from "fast-check";
import { DatabaseMigrations, DatabaseMigrationsProps } from "../../lib/postgres/database-migrations";
import { pgConnectionProp } from "./connections";
import {
  badDnsLabel, badImage, dnsLabel, fuzz, image, optional, required, resourcesProp, tagged, Tagged,
} from "./support";

const FIXTURES = path.join(__dirname, "fixtures");

/** The mode: SQL dir (valid or broken), command (+ image), both, or neither. */
const mode: fc.Arbitrary<{ migrationsDir: Tagged; command: Tagged; image: Tagged; env: Tagged }> = fc.oneof(
  fc.record({
    migrationsDir: fc.oneof(
      { arbitrary: fc.constant<Tagged>({ value: path.join(FIXTURES, "sql"), kind: "ok" }), weight: 6 },
      {
        arbitrary: fc
          .constantFrom<unknown>(path.join(FIXTURES, "no-sql"), path.join(FIXTURES, "bad-name"), path.join(FIXTURES, "missing"), "", 5, ["x"])
          .map<Tagged>((value) => ({ value, kind: "bad" })),
        weight: 2,
      },
    ),
    command: fc.constant<Tagged>({ value: undefined, kind: "ok" }),
    image: fc.constantFrom<Tagged>({ value: undefined, kind: "ok" }, { value: "ghcr.io/org/app:1.0.0", kind: "bad" }),
    env: fc.constantFrom<Tagged>({ value: undefined, kind: "ok" }, { value: { A: "b" }, kind: "bad" }),
  }),
  fc.record({
    migrationsDir: fc.constant<Tagged>({ value: undefined, kind: "ok" }),
    command: fc.oneof(
      { arbitrary: fc.constantFrom<Tagged>({ value: ["npm", "run", "migrate"], kind: "ok" }, { value: ["./migrate", "${HOME}"], kind: "ok" }), weight: 6 },
      { arbitrary: fc.constantFrom<unknown>([], [""], "npm run migrate", [1], null).map<Tagged>((value) => ({ value, kind: "bad" })), weight: 2 },
    ),
    image: fc.oneof(
      { arbitrary: image.map<Tagged>((value) => ({ value, kind: "ok" })), weight: 6 },
      { arbitrary: fc.oneof(badImage, fc.constant(undefined)).map<Tagged>((value) => ({ value, kind: "bad" })), weight: 2 },
    ),
    env: optional(fc.dictionary(fc.constantFrom("NODE_ENV", "X_1"), fc.constantFrom("production", "${x}", "%{y}"), { maxKeys: 2 }), fc.constantFrom<unknown>({ PGPASSWORD: "x" }, { "1A": "x" }, { A: 1 }, ["A"], "A=1", 5), 1, false),
  }),
  // Neither mode (or both): the error names command/migrationsDir.
  fc.constantFrom(
    { migrationsDir: { value: undefined, kind: "bad" as const }, command: { value: undefined, kind: "bad" as const }, image: { value: undefined, kind: "ok" as const }, env: { value: undefined, kind: "ok" as const } },
    { migrationsDir: { value: path.join(FIXTURES, "sql"), kind: "bad" as const }, command: { value: ["x"], kind: "bad" as const }, image: { value: "a:1", kind: "ok" as const }, env: { value: undefined, kind: "ok" as const } },
  ),
);

export const databaseMigrationsProps = fc.tuple(
  tagged<Omit<DatabaseMigrationsProps, "command" | "image" | "migrationsDir" | "env">>({
    namespace: required(dnsLabel, badDnsLabel),
    connection: pgConnectionProp(true),
    name: optional(fc.oneof(dnsLabel, fc.constant("m".repeat(52))), fc.oneof(badDnsLabel, fc.constant("m".repeat(53)))),
    backoffLimit: optional(fc.integer({ min: 0, max: 10 }), fc.constantFrom<unknown>(-1, 11, 0.5)),
    activeDeadlineSeconds: optional(fc.integer({ min: 60, max: 86400 }), fc.constantFrom<unknown>(59, 86401)),
    timeout: optional(fc.constantFrom("15m", "1h30m", "90s"), fc.constantFrom("15", "15 m", "1d", "")),
    runAsUser: optional(fc.integer({ min: 1, max: 2147483647 }), fc.constantFrom<unknown>(0, -1, 2147483648, 1.5)),
    resources: resourcesProp,
  }),
  mode,
).map(([base, m]) => {
  const props: Record<string, unknown> = { ...base.props };
  const bad = [...base.bad];
  for (const [k, t] of Object.entries(m)) {
    if (t.value !== undefined) props[k] = t.value;
    if (t.kind === "bad") bad.push(k);
  }
  return { props: props as unknown as DatabaseMigrationsProps, bad, lenient: base.lenient };
});

describe("DatabaseMigrations fuzz", () => {
  it("synthesizes clean JSON or throws ReadystackConfigError naming the field (1000 prop sets)", () => {
    const connection = { host: "pg.app.svc.cluster.local", port: 5432, database: "app", usernameSecret: { name: "pg", key: "username" }, passwordSecret: { name: "pg", key: "password" }, clientImage: "postgres:17.6-bookworm", podSelector: {} };
    const counts = fuzz(databaseMigrationsProps, (stack, props) => new DatabaseMigrations(stack, "migrations", props), {
      examples: [
        // seed -1255970570: a command argument "${HOME}" became a Terraform interpolation.
        { props: { namespace: "app", connection, command: ["./migrate", "${HOME}"], image: "ghcr.io/org/app:1.0.0", env: { X: "%{y}" } }, bad: [], lenient: [] },
        // SQL whose text contains "${" (fixtures/sql/002_seed.sql) stays literal.
        { props: { namespace: "app", connection, migrationsDir: path.join(FIXTURES, "sql") }, bad: [], lenient: [] },
      ],
    });
    expect(counts.synthesized).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(50);
  });
});
