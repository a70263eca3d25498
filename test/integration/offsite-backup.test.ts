/**
 * Off-site copies against a REAL S3 server (s3rver on a loopback port) and a real PostgreSQL:
 * lib/scripts/backup.sh → lib/scripts/offsite.sh upload → offsite.sh download → lib/scripts/verify-restore.sh,
 * the very files the CronJobs mount, with rclone (the client the rclone image ships) driven by offsite.sh.
 * offsite.sh runs under `sh` (dash here, busybox ash in the image): it must stay POSIX.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { scriptPath } from "../../lib/scripts";
import { handleUnavailable, postgresAvailability, whichSync } from "./support/availability";
import { freePort } from "./support/free-port";
import { makeTempDir, PostgresServer, removeTempDirs, runScript, scriptPathEnv, startPostgres } from "./support/postgres-server";
import { run, RunResult, runOk } from "./support/run";
import { S3Server, s3Availability, startS3 } from "./support/s3-server";

jest.setTimeout(180_000);

const pgAvailability = postgresAvailability();
const s3Available = s3Availability();
let pg: PostgresServer | undefined;
let s3: S3Server | undefined;
const BUCKET = "backups";
const DB = "shop";
const SET = /^shop-(\d{8}T\d{6}Z)-([0-9a-f]{8})\.(dump|counts|sha256|complete)$/;

beforeAll(async () => {
  handleUnavailable("PostgreSQL", pgAvailability);
  handleUnavailable("rclone and s3rver (off-site backups)", s3Available);
  if (!pgAvailability.ok || !s3Available.ok) return;
  s3 = await startS3([BUCKET]);
  pg = await startPostgres();
  await pg.createDatabase(DB);
  await pg.query(
    DB,
    `CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
     INSERT INTO customers SELECT g, 'Kunde ' || g || ' – Grüße' FROM generate_series(1, 3000) g;
     CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int REFERENCES customers(id), amount numeric(10,2));
     INSERT INTO orders (customer_id, amount) SELECT 1 + (g % 3000), g / 7.0 FROM generate_series(1, 4000) g;`,
  );
}, 120_000);

afterAll(async () => {
  if (pg) await pg.stop();
  if (s3) await s3.stop();
  removeTempDirs();
}, 120_000);

function ready(): { pg: PostgresServer; s3: S3Server } | undefined {
  return pg && s3 ? { pg, s3 } : undefined;
}

/**
 * The child's complete environment (run() inherits nothing). That matters: rclone refuses to start when
 * AWS_CA_BUNDLE names a file it cannot use, and a developer's AWS_PROFILE/AWS_* must not leak in.
 */
function offsiteEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  const { pg: server, s3: store } = ready()!;
  return {
    PATH: scriptPathEnv(server.bin),
    HOME: makeTempDir("home"),
    TMPDIR: makeTempDir("tmp"),
    OFFSITE_BUCKET: BUCKET,
    OFFSITE_PREFIX: prefix,
    OFFSITE_ENDPOINT: store.endpoint,
    OFFSITE_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: store.accessKeyId,
    AWS_SECRET_ACCESS_KEY: store.secretAccessKey,
    ...extra,
  };
}

function offsite(command: "upload" | "download", env: Record<string, string>): Promise<RunResult> {
  return run("sh", [scriptPath("offsite.sh"), command], { env, asPostgres: true, timeoutMs: 170_000 });
}

async function upload(localDir: string, prefix: string, extra: Record<string, string> = {}) {
  return offsite("upload", offsiteEnv(prefix, { BACKUP_DIR: localDir, ...extra }));
}

async function download(prefix: string, extra: Record<string, string> = {}): Promise<{ r: RunResult; dir: string }> {
  const dir = path.join(makeTempDir("download"), "offsite");
  const r = await offsite("download", offsiteEnv(prefix, { OFFSITE_DOWNLOAD_DIR: dir, ...extra }));
  return { r, dir };
}

async function verify(dir: string): Promise<RunResult> {
  const server = ready()!.pg;
  return runScript(
    "verify-restore.sh",
    { BACKUP_DIR: dir, VERIFY_WORKDIR: path.join(makeTempDir("work"), "verify"), VERIFY_PORT: String(await freePort()) },
    server.bin,
  );
}

/** rclone as a plain S3 client (not through offsite.sh): to plant or overwrite objects like another writer would. */
async function rcloneCli(args: string[]): Promise<RunResult> {
  const store = ready()!.s3;
  return runOk("rclone", ["--config", "", ...args], {
    env: {
      PATH: "/usr/local/bin:/usr/bin:/bin",
      HOME: makeTempDir("home"),
      RCLONE_CONFIG_S3_TYPE: "s3",
      RCLONE_CONFIG_S3_PROVIDER: "Other",
      RCLONE_CONFIG_S3_ENDPOINT: store.endpoint,
      RCLONE_CONFIG_S3_FORCE_PATH_STYLE: "true",
      RCLONE_CONFIG_S3_ACCESS_KEY_ID: store.accessKeyId,
      RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: store.secretAccessKey,
      RCLONE_CONFIG_S3_NO_CHECK_BUCKET: "true",
    },
  });
}

async function putObject(key: string, content: Buffer | string): Promise<void> {
  const file = path.join(makeTempDir("put"), "object");
  fs.writeFileSync(file, content);
  await rcloneCli(["copyto", file, `s3:${BUCKET}/${key}`]);
}

/** Object keys under a prefix, read from s3rver's own store (independent of the client under test). */
function keys(prefix: string): string[] {
  const root = path.join(ready()!.s3.dir, BUCKET, prefix);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((f) => f.endsWith("._S3rver_object"))
    .map((f) => f.slice(0, -"._S3rver_object".length))
    .sort();
}

function objectBytes(key: string): Buffer {
  return fs.readFileSync(ready()!.s3.objectFile(BUCKET, key));
}

const sha256 = (b: Buffer | string) => crypto.createHash("sha256").update(b).digest("hex");

/** Complete sets (all four objects) under a prefix, oldest first. */
function completeSets(prefix: string): string[] {
  const ks = keys(prefix);
  return ks
    .filter((k) => k.endsWith(".complete"))
    .map((k) => k.slice(0, -".complete".length))
    .filter((s) => ["dump", "counts", "sha256"].every((e) => ks.includes(`${s}.${e}`)))
    .sort();
}

/** One good local backup (backup.sh), shared and copied per test. */
let goodDir: string | undefined;
async function goodBackup(): Promise<string> {
  if (!goodDir) {
    const { pg: server } = ready()!;
    goodDir = makeTempDir("good");
    const r = await runScript("backup.sh", { ...server.libpqEnv(DB), BACKUP_DIR: goodDir }, server.bin);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
  return goodDir;
}

function goodName(dir: string): string {
  const dumps = fs.readdirSync(dir).filter((f) => /^shop-\d{8}T\d{6}Z\.dump$/.test(f));
  expect(dumps).toHaveLength(1);
  return dumps[0].replace(/\.dump$/, "");
}

/** A local directory holding the good set renamed to `shop-<stamp>` (as backup.sh would have named it then). */
async function localSetAt(stamp: string): Promise<string> {
  const good = await goodBackup();
  const name = goodName(good);
  const dir = makeTempDir("set");
  for (const ext of ["dump", "counts"]) fs.copyFileSync(path.join(good, `${name}.${ext}`), path.join(dir, `shop-${stamp}.${ext}`));
  const sum = fs.readFileSync(path.join(good, `${name}.sha256`), "utf8").split(" ")[0];
  fs.writeFileSync(path.join(dir, `shop-${stamp}.sha256`), `${sum}  shop-${stamp}.dump\n`);
  return dir;
}

/** The UTC stamp backup.sh would give a dump taken at `ms` (epoch milliseconds). */
function stampAt(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

function stampDaysAgo(days: number): string {
  return stampAt(Date.now() - days * 86_400_000);
}

function snapshot(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

function expectUnchanged(dir: string, before: Map<string, Buffer>): void {
  expect(fs.readdirSync(dir).sort()).toEqual([...before.keys()].sort());
  for (const [f, content] of before) expect(fs.readFileSync(path.join(dir, f)).equals(content)).toBe(true);
}

describe("offsite.sh against a real S3 server (s3rver) and a real PostgreSQL", () => {
  test("a: round trip: dump → upload → list → download → sha256 → restore → counts compare", async () => {
    if (!ready()) return;
    const local = makeTempDir("a-local");
    const { pg: server } = ready()!;
    const b = await runScript("backup.sh", { ...server.libpqEnv(DB), BACKUP_DIR: local }, server.bin);
    expect(b.code).toBe(0);
    const name = goodName(local);
    const before = snapshot(local);

    const up = await upload(local, "a/prod");
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(new RegExp(`^uploaded ${local}/${name}\\.dump to s3://backups/a/prod/${name}-[0-9a-f]{8}\\.dump .*checksum verified`, "m"));
    expectUnchanged(local, before); // the local copy is never touched

    // Listed by the server: exactly one set, four objects, the manifest describing the three others.
    const listed = keys("a/prod");
    expect(listed).toHaveLength(4);
    const set = listed[0].replace(/\.[a-z0-9]+$/, "");
    expect(listed).toEqual(["complete", "counts", "dump", "sha256"].map((e) => `${set}.${e}`));
    expect(set).toMatch(new RegExp(`^${name}-[0-9a-f]{8}$`));
    expect(objectBytes(`a/prod/${set}.dump`).equals(before.get(`${name}.dump`)!)).toBe(true);
    expect(objectBytes(`a/prod/${set}.counts`).equals(before.get(`${name}.counts`)!)).toBe(true);
    const dumpSum = sha256(before.get(`${name}.dump`)!);
    expect(objectBytes(`a/prod/${set}.sha256`).toString()).toBe(`${dumpSum}  ${set}.dump\n`);
    expect(objectBytes(`a/prod/${set}.complete`).toString()).toBe(
      [
        "# readystack-offsite v1",
        `${dumpSum}  ${set}.dump`,
        `${sha256(before.get(`${name}.counts`)!)}  ${set}.counts`,
        `${sha256(`${dumpSum}  ${set}.dump\n`)}  ${set}.sha256`,
        "",
      ].join("\n"),
    );

    const { r: down, dir } = await download("a/prod");
    expect(down.stderr).toBe("");
    expect(down.code).toBe(0);
    expect(down.stdout).toContain(`downloaded s3://backups/a/prod/${set}.dump`);
    const got = fs.readFileSync(path.join(dir, `${name}.dump`));
    expect(sha256(got)).toBe(dumpSum);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);

    const v = await verify(dir);
    expect(v.stderr).toBe("");
    expect(v.code).toBe(0);
    expect(v.stdout).toContain(`VERIFIED ${path.join(dir, `${name}.dump`)}`);

    // Independently: pg_restore of the downloaded dump holds the source's rows.
    await server.createDatabase("shop_from_offsite");
    await runOk(path.join(server.bin, "pg_restore"), ["--no-owner", "--exit-on-error", "-d", "shop_from_offsite", path.join(dir, `${name}.dump`)], {
      env: { PATH: scriptPathEnv(server.bin), ...server.libpqEnv("shop_from_offsite") },
    });
    const count = async (db: string) => (await server.query<{ n: string }>(db, "SELECT (SELECT count(*) FROM customers) || '/' || (SELECT count(*) FROM orders) AS n"))[0].n;
    expect(await count("shop_from_offsite")).toBe(await count(DB));
    expect(await count(DB)).toBe("3000/4000");
  });

  test("a2: the same round trip and a pruning run under busybox sh and applets only (the rclone image is Alpine: no bash, no GNU tools)", async () => {
    if (!ready()) return;
    // A PATH holding nothing but busybox's applets and rclone, as in rclone/rclone.
    const busybox = whichSync("busybox")!;
    const bin = makeTempDir("busybox-bin");
    const applets = (await runOk(busybox, ["--list"])).stdout.split("\n").filter((a) => /^[a-z0-9_.[-]+$/.test(a));
    for (const a of applets) fs.symlinkSync(busybox, path.join(bin, a));
    fs.symlinkSync(whichSync("rclone")!, path.join(bin, "rclone"));
    const bb = (command: "upload" | "download", env: Record<string, string>) =>
      run(busybox, ["sh", scriptPath("offsite.sh"), command], { env: { ...env, PATH: bin }, asPostgres: true, timeoutMs: 170_000 });

    const [s10, s0] = [10, 0].map(stampDaysAgo);
    expect((await bb("upload", offsiteEnv("a2", { BACKUP_DIR: await localSetAt(s10) }))).code).toBe(0);
    const up = await bb("upload", offsiteEnv("a2", { BACKUP_DIR: await localSetAt(s0), OFFSITE_RETENTION: "1", OFFSITE_RETENTION_DAYS: "5" }));
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(new RegExp(`^pruned s3://backups/a2/shop-${s10}-[0-9a-f]{8}$`, "m"));
    expect(completeSets("a2").map((s) => s.match(/\d{8}T\d{6}Z/)![0])).toEqual([s0]);

    const dir = path.join(makeTempDir("download"), "offsite");
    const down = await bb("download", offsiteEnv("a2", { OFFSITE_DOWNLOAD_DIR: dir }));
    expect(down.stderr).toBe("");
    expect(down.code).toBe(0);
    const v = await verify(dir);
    expect(v.stderr).toBe("");
    expect(v.stdout).toContain(`VERIFIED ${path.join(dir, `shop-${s0}.dump`)}`);
  });

  test("b: off-site retention keeps the N newest complete sets and prunes exactly the oldest; foreign and fresh unfinished objects stay", async () => {
    if (!ready()) return;
    const prefix = "b";
    const stamps = ["20200101T000000Z", "20200102T000000Z", "20210301T101010Z", "20220704T235959Z", "20230505T050505Z"];
    for (const stamp of stamps) {
      const r = await upload(await localSetAt(stamp), prefix, { OFFSITE_RETENTION: "100" });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
    expect(completeSets(prefix).map((s) => s.match(/\d{8}T\d{6}Z/)![0])).toEqual(stamps);
    const foreign: Record<string, string> = {
      [`${prefix}/notes.txt`]: "not a backup",
      [`${prefix}/otherdb-20000101T000000Z-0badc0de.dump`]: "another database's set",
      [`${prefix}/otherdb-20000101T000000Z-0badc0de.counts`]: "x",
      [`${prefix}/otherdb-20000101T000000Z-0badc0de.sha256`]: "x",
      [`${prefix}/otherdb-20000101T000000Z-0badc0de.complete`]: "x",
      // An upload of this database still running (fresh stamp, no manifest yet): never touched.
      [`${prefix}/shop-${stampDaysAgo(0)}-0000aaaa.dump`]: "being uploaded",
      [`${prefix}/nested/shop-20190101T000000Z-12345678.dump`]: "below the prefix level",
    };
    for (const [k, text] of Object.entries(foreign)) await putObject(k, text);
    // A run that died long ago left half a set: removed as stale.
    await putObject(`${prefix}/shop-20190101T000000Z-dead0001.dump`, "died");
    await putObject(`${prefix}/shop-20190101T000000Z-dead0001.counts`, "died");

    const newest = await localSetAt(stampDaysAgo(0));
    const r = await upload(newest, prefix, { OFFSITE_RETENTION: "3" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const sets = completeSets(prefix).filter((s) => s.startsWith("shop-"));
    expect(sets).toHaveLength(3);
    expect(sets.slice(0, 2).map((s) => s.match(/\d{8}T\d{6}Z/)![0])).toEqual(["20220704T235959Z", "20230505T050505Z"]);
    const pruned = r.stdout.split("\n").filter((l) => l.startsWith("pruned "));
    expect(pruned).toHaveLength(3);
    for (const [i, stamp] of ["20210301T101010Z", "20200102T000000Z", "20200101T000000Z"].entries()) {
      expect(pruned[i]).toMatch(new RegExp(`^pruned s3://backups/b/shop-${stamp}-[0-9a-f]{8}$`));
      expect(keys(prefix).filter((k) => k.includes(stamp))).toEqual([]);
    }
    expect(keys(prefix).filter((k) => k.includes("dead0001"))).toEqual([]);
    expect(r.stdout).toMatch(/^removed stale unfinished s3:\/\/backups\/b\/shop-20190101T000000Z-dead0001\.dump$/m);
    for (const [k, text] of Object.entries(foreign)) expect(objectBytes(k).toString()).toBe(text);
    expect(r.stdout).toMatch(/^kept 3 complete off-site set\(s\) of 'shop' \(retention 3\)$/m);

    // Days: keep 1, or anything younger than 5 days.
    const days = "b-days";
    const [s10, s3, s1, s0] = [10, 3, 1, 0].map(stampDaysAgo);
    for (const stamp of [s10, s3, s1]) expect((await upload(await localSetAt(stamp), days, { OFFSITE_RETENTION: "100" })).code).toBe(0);
    const d = await upload(await localSetAt(s0), days, { OFFSITE_RETENTION: "1", OFFSITE_RETENTION_DAYS: "5" });
    expect(d.stderr).toBe("");
    expect(d.code).toBe(0);
    expect(completeSets(days).map((s) => s.match(/\d{8}T\d{6}Z/)![0])).toEqual([s3, s1, s0]);
    const prunedByAge = d.stdout.split("\n").filter((l) => l.startsWith("pruned "));
    expect(prunedByAge).toHaveLength(1);
    expect(prunedByAge[0]).toMatch(new RegExp(`^pruned s3://backups/b-days/shop-${s10}-[0-9a-f]{8}$`));
  });

  test("c: endpoint unreachable or bucket missing → non-zero, a message naming bucket and endpoint, the local copy intact", async () => {
    if (!ready()) return;
    const local = await goodBackup();
    const before = snapshot(local);
    const closed = await freePort();
    const r = await upload(local, "c", { OFFSITE_ENDPOINT: `http://127.0.0.1:${closed}` });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`^offsite\\.sh: cannot list s3://backups/c/ bucket 'backups' at http://127\\.0\\.0\\.1:${closed}: endpoint unreachable .*connection refused`, "m"),
    );
    expect(r.stdout).not.toMatch(/^uploaded/m);
    expectUnchanged(local, before);

    const missing = await upload(local, "c", { OFFSITE_BUCKET: "no-such-bucket" });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/^offsite\.sh: cannot list s3:\/\/no-such-bucket\/c\/ bucket 'no-such-bucket' at http:\/\/127\.0\.0\.1:\d+: the bucket does not exist/m);
    expectUnchanged(local, before);
    expect(keys("c")).toEqual([]);
  });

  test("d: wrong credentials → a clear error naming bucket and endpoint, and no secret in the output", async () => {
    if (!ready()) return;
    // s3rver does not verify SigV4 signatures: it refuses only access key ids it does not know. So the
    // wrong credential here is an unknown key id (a wrong secret with the right id would be accepted).
    const secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY-do-not-log";
    const keyId = "AKIAUNKNOWNKEYID0001";
    const creds = { AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret };
    const local = await goodBackup();
    const before = snapshot(local);
    const up = await upload(local, "d", creds);
    const down = await download("d", creds);
    for (const r of [up, down.r]) {
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^offsite\\.sh: cannot list s3://backups/d/ bucket 'backups' at ${ready()!.s3.endpoint.replace(/\./g, "\\.")}: access denied: check the credentials`, "m"));
      expect(r.stderr).toContain("InvalidAccessKeyId");
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(r.stdout + r.stderr).not.toContain(keyId);
    }
    expectUnchanged(local, before);
    expect(keys("d")).toEqual([]);
  });

  test("e: a corrupted remote object fails verification, and the output names the check that caught it", async () => {
    if (!ready()) return;
    const local = await goodBackup();
    const name = goodName(local);

    // e1: bit rot in the store (the object's bytes change, its recorded MD5/ETag does not): the client's hash.
    expect((await upload(local, "e1")).code).toBe(0);
    const [set1] = completeSets("e1");
    const file = ready()!.s3.objectFile(BUCKET, `e1/${set1}.dump`);
    const buf = fs.readFileSync(file);
    for (let i = 1000; i < 1016; i++) buf[i] ^= 0xff;
    fs.writeFileSync(file, buf);
    const e1 = await download("e1");
    expect(e1.r.code).not.toBe(0);
    expect(e1.r.stderr).toMatch(new RegExp(`^offsite\\.sh: download of s3://backups/e1/${set1}\\.dump from bucket 'backups' at .*: FAILED the client's hash check \\(rclone`, "m"));
    expect(e1.r.stderr).toMatch(/md5 hash differ/);
    expect(fs.existsSync(path.join(e1.dir, `${name}.dump`))).toBe(false); // nothing for verify-restore.sh to pick up
    expect((await verify(e1.dir)).code).not.toBe(0);

    // e2: the object replaced by other bytes through the API (ETag consistent with them): the sha256.
    expect((await upload(local, "e2")).code).toBe(0);
    const [set2] = completeSets("e2");
    const bad = Buffer.from(objectBytes(`e2/${set2}.dump`));
    for (let i = 1000; i < 1016; i++) bad[i] ^= 0xff;
    await putObject(`e2/${set2}.dump`, bad);
    const e2 = await download("e2");
    expect(e2.r.stderr).toBe("");
    expect(e2.r.code).toBe(0);
    const v2 = await verify(e2.dir);
    expect(v2.code).not.toBe(0);
    expect(v2.stderr).toMatch(new RegExp(`^verify-restore\\.sh: ${e2.dir}/${name}\\.dump: FAILED the sha256 check: checksum mismatch`, "m"));
    expect(v2.stdout).not.toContain("VERIFIED");

    // e3: a consistent but wrong set (counts edited, manifest rewritten to match): the counts.
    expect((await upload(local, "e3")).code).toBe(0);
    const [set3] = completeSets("e3");
    const counts = objectBytes(`e3/${set3}.counts`).toString().replace(/^(table\tpublic\.orders\t)4000\t/m, "$13999\t");
    expect(counts).toContain("table\tpublic.orders\t3999\t");
    const manifest = objectBytes(`e3/${set3}.complete`).toString().replace(/^[0-9a-f]{64}(  .*\.counts)$/m, `${sha256(counts)}$1`);
    await putObject(`e3/${set3}.counts`, counts);
    await putObject(`e3/${set3}.complete`, manifest);
    const e3 = await download("e3");
    expect(e3.r.code).toBe(0);
    const v3 = await verify(e3.dir);
    expect(v3.code).not.toBe(0);
    expect(v3.stderr).toMatch(/FAILED the counts check: table public\.orders: row count mismatch \(backup 3999, restored 4000\)/);
    expect(v3.stdout).not.toContain("VERIFIED");

    // e4: a side file changed without its manifest: the sha256 against the manifest, before any restore.
    await putObject(`e3/${set3}.complete`, objectBytes(`e3/${set3}.complete`).toString().replace(/^[0-9a-f]{64}(  .*\.counts)$/m, `${"0".repeat(64)}$1`));
    const e4 = await download("e3");
    expect(e4.r.code).not.toBe(0);
    expect(e4.r.stderr).toMatch(new RegExp(`^offsite\\.sh: s3://backups/e3/${set3}\\.counts FAILED the sha256 check against the manifest`, "m"));
  });

  test("f: two backups at once: no partial object is ever the newest", async () => {
    if (!ready()) return;
    const prefix = "f";
    const older = await localSetAt("20240101T000000Z");
    expect((await upload(older, prefix)).code).toBe(0);
    // Newer but unfinished sets: objects without a manifest, and a manifest whose dump is missing.
    await putObject(`${prefix}/shop-29991231T235959Z-aaaaaaaa.dump`, "partial dump");
    await putObject(`${prefix}/shop-29991231T235959Z-aaaaaaaa.counts`, "x");
    await putObject(`${prefix}/shop-29991231T235959Z-aaaaaaaa.sha256`, `${"0".repeat(64)}  x\n`);
    await putObject(`${prefix}/shop-29991231T235958Z-bbbbbbbb.complete`, "# readystack-offsite v1\n");
    await putObject(`${prefix}/shop-29991231T235958Z-bbbbbbbb.counts`, "x");
    await putObject(`${prefix}/shop-29991231T235958Z-bbbbbbbb.sha256`, "x");
    const first = await download(prefix);
    expect(first.r.code).toBe(0);
    expect(first.r.stdout).toMatch(/downloaded s3:\/\/backups\/f\/shop-20240101T000000Z-[0-9a-f]{8}\.dump/);

    // Two uploads of the same local name (same second, two pods) and a third set, while downloads poll.
    // The sets are stamped now, as concurrent runs are: every upload ends by removing unfinished sets whose
    // stamp is older than OFFSITE_PARTIAL_MAX_AGE (two days), so sets stamped in the past would let one upload
    // delete another's in-flight objects whenever the machine is slow enough for their steps to interleave.
    const now = Date.now();
    const [sameStamp, thirdStamp] = [stampAt(now), stampAt(now + 1000)];
    const same = await localSetAt(sameStamp);
    const twin = makeTempDir("twin");
    for (const f of fs.readdirSync(same)) fs.copyFileSync(path.join(same, f), path.join(twin, f));
    const third = await localSetAt(thirdStamp);
    let uploading = true;
    const downloads: Array<{ r: RunResult; dir: string }> = [];
    const poll = (async () => {
      while (uploading) downloads.push(await download(prefix));
    })();
    const ups = await Promise.all([upload(same, prefix), upload(twin, prefix), upload(third, prefix)]).finally(() => (uploading = false));
    await poll;
    for (const u of ups) {
      expect(u.stderr).toBe("");
      expect(u.code).toBe(0);
      expect(u.stdout).not.toMatch(/removed stale unfinished/); // no run took another's in-flight objects for a dead run's
    }
    expect(downloads.length).toBeGreaterThan(0);
    for (const { r, dir } of downloads) {
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const dump = fs.readdirSync(dir).find((f) => f.endsWith(".dump"))!;
      expect(["shop-20240101T000000Z.dump", `shop-${sameStamp}.dump`, `shop-${thirdStamp}.dump`]).toContain(dump);
      const want = fs.readFileSync(path.join(dir, dump.replace(/\.dump$/, ".sha256")), "utf8").split(" ")[0];
      expect(sha256(fs.readFileSync(path.join(dir, dump)))).toBe(want);
    }
    const sets = completeSets(prefix);
    const twins = sets.filter((s) => s.startsWith(`shop-${sameStamp}-`));
    expect(twins).toHaveLength(2); // same second, distinct run ids: neither overwrote the other
    expect(sets.every((s) => SET.test(`${s}.dump`))).toBe(true);
    const last = await download(prefix);
    expect(last.r.code).toBe(0);
    expect(last.r.stdout).toMatch(new RegExp(`downloaded s3://backups/f/shop-${thirdStamp}-[0-9a-f]{8}\\.dump`));
    const v = await verify(last.dir);
    expect(v.stderr).toBe("");
    expect(v.stdout).toMatch(new RegExp(`^VERIFIED .*shop-${thirdStamp}\\.dump$`, "m"));
  });
});
