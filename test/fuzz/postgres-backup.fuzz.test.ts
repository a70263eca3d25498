import * as fc from "fast-check";
import { PostgresBackup, PostgresBackupProps } from "../../lib/postgres/postgres-backup";
import { pgConnectionProp } from "./connections";
import {
  badBool, badCron, badDnsLabel, badMemory, bool, cron, dnsLabel, fuzz, memory, optional, required, resourcesProp, tagged,
} from "./support";

const accessModes = fc.constantFrom(["ReadWriteOnce"], ["ReadWriteMany"], ["ReadWriteOncePod", "ReadWriteOnce"]);
const badAccessModes = fc.constantFrom<unknown>([], ["ReadWriteOnce", "ReadWriteOnce"], ["RWO"], "ReadWriteOnce", [null]);

export const postgresBackupProps = tagged<PostgresBackupProps>({
  namespace: required(dnsLabel, badDnsLabel),
  connection: pgConnectionProp(true),
  name: optional(fc.oneof(dnsLabel, fc.constant("b".repeat(45))), fc.oneof(badDnsLabel, fc.constant("b".repeat(46)))),
  schedule: optional(cron, badCron),
  verifySchedule: optional(cron, badCron),
  timeZone: optional(fc.constantFrom("Etc/UTC", "Europe/Berlin", "America/New_York"), fc.constantFrom("Mars/Olympus", "UTC+2 ", "", "../etc")),
  retention: optional(fc.integer({ min: 1, max: 1000 }), fc.constantFrom<unknown>(0, -1, 1001, 1.5, Number.NaN, "7")),
  storageSize: optional(memory, badMemory),
  storageClassName: optional(fc.constantFrom("fast-ssd", "nfs.csi.k8s.io"), fc.constantFrom("", "NFS", "a b")),
  accessModes: optional(accessModes, badAccessModes),
  startingDeadlineSeconds: optional(fc.integer({ min: 10, max: 86400 }), fc.constantFrom<unknown>(9, 86401, 1.5)),
  activeDeadlineSeconds: optional(fc.integer({ min: 60, max: 86400 }), fc.constantFrom<unknown>(59, 86401, Number.NaN)),
  verifyScratchSize: optional(memory, badMemory),
  resources: resourcesProp,
  verifyResources: resourcesProp,
  preventDestroy: optional(bool, badBool, 1, false),
});

describe("PostgresBackup fuzz", () => {
  it("synthesizes clean JSON or throws ReadystackConfigError naming the field (1000 prop sets)", () => {
    const counts = fuzz(postgresBackupProps, (stack, props) => new PostgresBackup(stack, "backup", props));
    expect(counts.synthesized).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(50);
  });
});
