/** The ReadyStack prop generator (shared by the ReadyStack fuzz test and the output-directory test). */
import * as path from "path";
import * as fc from "fast-check";
import { ReadyStackProps } from "../../lib/ready-stack";
import {
  badBool, badDnsLabel, badHostname, badImage, badMemory, bool, dnsLabel, garbage, image, memory, nested, optional, required, tagged, Tagged,
} from "./support";

/** Most ReadyStack runs should get past the many fields, so each field is rarely invalid. */
const RARE = 0.5;
const smallResources = optional(fc.constantFrom({ cpuRequest: "50m" }, { memoryLimit: "2Gi" }), fc.constantFrom<unknown>({ cpuRequest: "4", cpuLimit: "1" }, { memoryRequest: "1Gb" }, "1Gi"), RARE, false);
const SQL_DIR = path.join(__dirname, "fixtures", "sql");

/** A required nested props object: its fields tagged, or garbage in its place. */
function requiredNested<P>(fields: { [K in keyof P]: fc.Arbitrary<Tagged> }): fc.Arbitrary<Tagged> {
  return fc.oneof(
    { arbitrary: nested<P>(fields, 0).filter((t) => t.value !== undefined), weight: 12 },
    { arbitrary: fc.oneof(garbage.filter((g) => typeof g !== "object"), fc.constant(undefined), fc.constant(null)).map<Tagged>((value) => ({ value, kind: "bad" })), weight: 1 },
  );
}

const backend: fc.Arbitrary<Tagged> = fc.oneof(
  { arbitrary: fc.constantFrom<unknown>({ kubernetes: { secretSuffix: "app" } }, { local: { path: "terraform.tfstate" } }).map<Tagged>((value) => ({ value, kind: "ok" })), weight: 12 },
  {
    arbitrary: fc
      .constantFrom<unknown>({}, undefined, null, { local: { path: "/abs" } }, { local: { path: "" } }, { kubernetes: { secretSuffix: "a" }, local: { path: "x" } }, "s3")
      .map<Tagged>((value) => ({ value, kind: "bad" })),
    weight: 1,
  },
);

const migrations: fc.Arbitrary<Tagged> = fc.oneof(
  { arbitrary: fc.constantFrom<Tagged>({ value: { migrationsDir: SQL_DIR }, kind: "ok" }, { value: { command: ["./migrate"] }, kind: "ok" }, { value: { command: ["./migrate"], image: "ghcr.io/org/migrator:2.0.0" }, kind: "ok" }), weight: 12 },
  {
    arbitrary: fc
      .constantFrom<unknown>({}, { migrationsDir: path.join(__dirname, "fixtures", "no-sql") }, { command: [] }, { migrationsDir: SQL_DIR, command: ["x"] }, { command: ["x"], image: "x" }, "up", null)
      .map<Tagged>((value) => ({ value, kind: "bad" })),
    weight: 1,
  },
);

export const readyStackProps = tagged<ReadyStackProps>({
  namespace: required(dnsLabel, badDnsLabel, RARE),
  backend,
  api: requiredNested({
    image: required(image, badImage, RARE),
    port: optional(fc.integer({ min: 1024, max: 65535 }), fc.constantFrom<unknown>(80, 0, 70000, Number.NaN), RARE),
    env: optional(fc.constantFrom({ FEATURE_FLAGS: "a,b" }, { X: "${HOME}" }), fc.constantFrom<unknown>({ DB_PASSWORD: "x" }, { "1X": "a" }), RARE, false),
    autoscaling: optional(fc.constantFrom<unknown>({ minReplicas: 2, maxReplicas: 4 }, false), fc.constantFrom<unknown>({ minReplicas: 3, maxReplicas: 2 }, { minReplicas: 0 }, "auto"), RARE, false),
    resources: smallResources,
  }),
  migrations,
  ingress: requiredNested({
    hosts: required(fc.constantFrom(["api.example.com"], ["a.example.com", "b.example.com"]), badHostname.map((h) => [h]), RARE),
    acmeEmail: required(fc.constant("ops@example.com"), fc.constantFrom("", "ops"), RARE),
    acmeServer: optional(fc.constantFrom("staging", "production"), fc.constantFrom("prod"), RARE),
  }),
  postgres: nested({
    storageSize: optional(memory, badMemory, RARE),
    username: optional(fc.constant("owner"), fc.constantFrom("Owner", ""), RARE),
    resources: smallResources,
  }, RARE),
  backup: nested({
    schedule: optional(fc.constantFrom("0 2 * * *", "@daily"), fc.constantFrom("0 2 * *", "@sometimes"), RARE),
    retention: optional(fc.integer({ min: 1, max: 30 }), fc.constantFrom<unknown>(0, -1, 1.5), RARE),
  }, RARE),
  redis: nested({
    maxmemory: optional(fc.constantFrom("128Mi", "256Mi"), badMemory, RARE),
    persistence: optional(bool, badBool, RARE, false),
  }, RARE),
  logging: nested({
    shipper: optional(fc.constantFrom("promtail", "alloy"), fc.constantFrom("fluentd"), RARE),
    retention: optional(fc.constantFrom("31d", "744h"), fc.constantFrom("1h", "forever"), RARE),
  }, RARE),
  cluster: nested({
    configPath: optional(fc.constant("~/.kube/config"), fc.constantFrom<unknown>("", 5, " x"), RARE, false),
    configContext: optional(fc.constant("prod"), fc.constantFrom<unknown>("", ["prod"], 7), RARE, false),
  }, RARE),
  preventDestroy: optional(bool, badBool, RARE, false),
} as never);

