import * as fc from "fast-check";
import { PostgresDatabase, PostgresDatabaseProps } from "../../lib/postgres/postgres-database";
import {
  badDnsLabel, badImage, badMemory, bool, badBool, dnsLabel, fuzz, image, memory, optional, required, resourcesProp, tagged,
} from "./support";

const identifier = fc.constantFrom("app", "shop_db", "_x", "a1");
const badIdentifier = fc.constantFrom("", "App", "1db", "my-db", "a".repeat(64), "drop table");
const secretName = fc.constantFrom("pg-creds", "db.credentials", "x");
const badSecretName = fc.constantFrom("", "PG", "-x", "a b", "a".repeat(254));

export const postgresDatabaseProps = tagged<PostgresDatabaseProps>({
  namespace: required(dnsLabel, badDnsLabel),
  name: optional(fc.oneof(dnsLabel, fc.constant("a".repeat(52))), fc.oneof(badDnsLabel, fc.constant("a".repeat(53)))),
  image: optional(image, badImage),
  database: optional(identifier, badIdentifier),
  username: optional(identifier, badIdentifier, 0.5),
  existingSecretName: optional(secretName, badSecretName, 0.5),
  storageSize: optional(memory, badMemory),
  storageClassName: optional(fc.constantFrom("fast-ssd", "ebs.csi.aws.com"), fc.constantFrom("", " x", "Fast SSD")),
  resources: resourcesProp,
  sharedMemorySize: optional(memory, badMemory),
  startupTimeoutSeconds: optional(fc.integer({ min: 60, max: 86400 }), fc.constantFrom<unknown>(59, 0, -1, 86401, 600.5, Number.NaN, "600")),
  preventDestroy: optional(bool, badBool, 1, false),
});

describe("PostgresDatabase fuzz", () => {
  it(`synthesizes clean JSON or throws ReadystackConfigError naming the field (1000 prop sets)`, () => {
    const counts = fuzz(postgresDatabaseProps, (stack, props) => new PostgresDatabase(stack, "pg", props), {
      relational: ["username/existingSecretName"],
      examples: [
        // seed -652544943: a CPU request above its limit was accepted (Kubernetes rejects the pod at apply).
        { props: { namespace: "app", resources: { cpuRequest: "4", cpuLimit: "1" } }, bad: ["resources"], lenient: [] },
        // a storageClassName "!" reached the volume claim template (only non-empty was checked).
        { props: { namespace: "app", storageClassName: "!" }, bad: ["storageClassName"], lenient: [] },
        // a string as resources was spread into nothing and ignored.
        { props: { namespace: "app", resources: "2Gi" as never }, bad: ["resources"], lenient: [] },
      ],
    });
    expect(counts.synthesized).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(50);
  });
});
