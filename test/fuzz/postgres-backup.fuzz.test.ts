import * as fc from "fast-check";
import { PostgresBackup, PostgresBackupProps } from "../../lib/postgres/postgres-backup";
import { pgConnectionProp } from "./connections";
import {
  badBool, badCron, badDnsLabel, badImage, badMemory, bool, cron, dnsLabel, fuzz, memory, nested, optional, required, resourcesProp, tagged,
  type Tagged,
} from "./support";

const accessModes = fc.constantFrom(["ReadWriteOnce"], ["ReadWriteMany"], ["ReadWriteOncePod", "ReadWriteOnce"]);
const badAccessModes = fc.constantFrom<unknown>([], ["ReadWriteOnce", "ReadWriteOnce"], ["RWO"], "ReadWriteOnce", [null]);

// Fourteen fields deep: each invalid only now and then, so that whole valid prop sets stay common.
const rare = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) => optional(valid, invalid, 0.5);
const offsite = nested<Record<string, unknown>>({
  bucket: required(fc.constantFrom("shop-backups", "a.b.c", "b12"), fc.constantFrom("", "ab", "Shop", "a_b", "-ab", "s3://x", "${x}")),
  prefix: rare(fc.constantFrom("prod", "prod/shop", "a-b/c_d.e"), fc.constantFrom("", "/x", "x/", "a//b", "..", "a b", "x${y}")),
  region: rare(fc.constantFrom("us-east-1", "eu-central-1", "auto"), fc.constantFrom("", "EU", "eu central")),
  endpoint: rare(
    fc.constantFrom("https://minio.example.com:9000", "http://rgw.storage.svc", "https://acc.r2.cloudflarestorage.com/"),
    fc.constantFrom("minio:9000", "https://u:p@x.io", "https://x.io/path", "ftp://x.io", "", "https://"),
  ),
  forcePathStyle: rare(bool, badBool),
  provider: rare(fc.constantFrom("AWS", "Minio", "Ceph", "Cloudflare", "Other"), fc.constantFrom("aws", "Backblaze", "")),
  credentials: required(
    fc.constantFrom<unknown>({ secretName: "backup-s3" }, { secretName: "s3", accessKeyIdKey: "id", secretAccessKeyKey: "secret.key" }, "none"),
    fc.constantFrom<unknown>("AKIA:secret", { secretName: "Backup S3" }, {}, { secretName: "s", accessKeyIdKey: "a b" }, ["s"]),
  ),
  serviceAccountName: rare(dnsLabel, badDnsLabel),
  retention: rare(fc.integer({ min: 1, max: 1000 }), fc.constantFrom<unknown>(0, 1001, 2.5, "7")),
  retentionDays: rare(fc.integer({ min: 1, max: 36500 }), fc.constantFrom<unknown>(0, -3, 36501, 1.5)),
  local: rare(bool, badBool),
  verifyUpload: rare(fc.constantFrom("hash", "download"), fc.constantFrom("md5", "")),
  egressCidrs: rare(
    fc.constantFrom(["0.0.0.0/0"], ["10.0.0.0/8", "::/0"], ["203.0.113.0/24"]),
    fc.constantFrom<unknown>([], ["s3.amazonaws.com"], ["10.0.0.0/33"], ["1.2.3.4/32", "1.2.3.4/32"], "0.0.0.0/0"),
  ),
  image: rare(fc.constantFrom("rclone/rclone:1.72.1", "amazon/aws-cli:2.31.0"), badImage),
  resources: fc.oneof({ arbitrary: fc.constant<Tagged>({ value: undefined, kind: "ok" }), weight: 3 }, { arbitrary: resourcesProp, weight: 1 }),
});

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
  // Absent in two of three sets, so whole valid prop sets stay common; present in about 330 of the 1000.
  offsite: fc.oneof({ arbitrary: fc.constant<Tagged>({ value: undefined, kind: "ok" }), weight: 2 }, { arbitrary: offsite, weight: 1 }),
});

describe("PostgresBackup fuzz", () => {
  it("synthesizes clean JSON or throws ReadystackConfigError naming the field (1000 prop sets)", () => {
    const counts = fuzz(postgresBackupProps, (stack, props) => new PostgresBackup(stack, "backup", props));
    expect(counts.synthesized).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(50);
  });
});
