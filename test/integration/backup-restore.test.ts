/**
 * Real PostgreSQL: lib/scripts/backup.sh and lib/scripts/verify-restore.sh, run with bash and exactly
 * the environment the backup / restore-verify CronJobs set.
 */
import * as fs from "fs";
import * as path from "path";
import { handleUnavailable, postgresAvailability } from "./support/availability";
import { makeTempDir, PostgresServer, removeTempDirs, runScript, scriptPathEnv, startPostgres } from "./support/postgres-server";
import { freePort } from "./support/free-port";
import { run, runOk } from "./support/run";
import { Client } from "pg";
import { scriptPath } from "../../lib/scripts";
import { Testing, TerraformStack } from "cdktf";
import { PostgresBackup } from "../../lib/postgres/postgres-backup";
import { PostgresConnection } from "../../lib/k8s/connections";
import { IMAGES } from "../../lib/versions";

jest.setTimeout(120_000);

const availability = postgresAvailability();
let pg: PostgresServer | undefined;
const SOURCE_DB = "shop";
const TABLES = ["public.customers", "public.orders", "inventory.blobs", "public.empty_table"];
const CONNECTION: PostgresConnection = {
  host: "postgres.shop.svc.cluster.local",
  port: 5432,
  database: SOURCE_DB,
  usernameSecret: { name: "postgres-credentials", key: "username" },
  passwordSecret: { name: "postgres-credentials", key: "password" },
  clientImage: IMAGES.postgres,
  podSelector: { "app.kubernetes.io/name": "postgres" },
};

beforeAll(async () => {
  handleUnavailable("PostgreSQL", availability);
  if (!availability.ok) return;
  pg = await startPostgres();
  await pg.createDatabase(SOURCE_DB);
  const c = await pg.connect(SOURCE_DB);
  try {
    await c.query(`
      CREATE SCHEMA inventory;
      CREATE TABLE public.customers (id int PRIMARY KEY, name text NOT NULL, city text, created timestamptz NOT NULL, score numeric(8,3), tags jsonb);
      INSERT INTO public.customers
        SELECT g, 'Kunde ' || g || ' – Grüße, 東京, Ωμέγα ' || repeat('ä', g % 7),
               CASE WHEN g % 5 = 0 THEN NULL ELSE 'Zürich' END,
               timestamptz '2024-03-01 12:00:00+01' + g * interval '37 minutes',
               g * 1.125, jsonb_build_object('n', g, 'emoji', '😀')
        FROM generate_series(1, 2500) g;
      CREATE TABLE public.orders (id bigserial PRIMARY KEY, customer_id int REFERENCES public.customers(id), amount double precision, note text);
      INSERT INTO public.orders (customer_id, amount, note)
        SELECT 1 + (g % 2500), g / 7.0, CASE WHEN g % 3 = 0 THEN E'line1\\nline2\\ttab' ELSE 'plain' END
        FROM generate_series(1, 3000) g;
      CREATE TABLE inventory.blobs (id int PRIMARY KEY, payload bytea NOT NULL);
      INSERT INTO inventory.blobs SELECT g, decode(md5(g::text) || '00ff10', 'hex') || convert_to(repeat('x', g), 'UTF8') FROM generate_series(1, 400) g;
      CREATE TABLE public.empty_table (id int);
    `);
    await c.query("SELECT lo_from_bytea(0, convert_to(repeat('large object ü ', 5000), 'UTF8'))");
    await c.query("SELECT lo_from_bytea(0, '\\x00010203ff'::bytea)");
  } finally {
    await c.end();
  }
}, 120_000);

afterAll(async () => {
  if (pg) await pg.stop();
  removeTempDirs();
}, 120_000);

/** Independent check (not the scripts' SQL): per-table row count and md5 of all rows in C order. */
async function digests(db: string): Promise<Record<string, { rows: number; md5: string }>> {
  const server = pg as PostgresServer;
  const c = await server.connect(db);
  try {
    await c.query("SET timezone = 'UTC'; SET datestyle = 'ISO, YMD'; SET extra_float_digits = 1");
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const t of TABLES) {
      const r = await c.query<{ rows: string; md5: string }>(
        `SELECT count(*) AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS md5 FROM ${t} t`,
      );
      out[t] = { rows: Number(r.rows[0].rows), md5: r.rows[0].md5 };
    }
    const lo = await c.query<{ oid: string; md5: string }>("SELECT oid::text AS oid, md5(lo_get(oid)) AS md5 FROM pg_largeobject_metadata ORDER BY oid");
    out.large_objects = { rows: lo.rowCount ?? 0, md5: lo.rows.map((r) => `${r.oid}:${r.md5}`).join(",") };
    return out;
  } finally {
    await c.end();
  }
}

function completeDumps(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /-\d{8}T\d{6}Z\.dump$/.test(f))
    .filter((f) => fs.existsSync(path.join(dir, f.replace(/\.dump$/, ".sha256"))) && fs.existsSync(path.join(dir, f.replace(/\.dump$/, ".counts"))))
    .sort();
}

async function backup(dir: string, extra: Record<string, string> = {}, db = SOURCE_DB) {
  const server = pg as PostgresServer;
  return runScript("backup.sh", { ...server.libpqEnv(db), BACKUP_DIR: dir, ...extra }, server.bin);
}

async function verify(dir: string, workdir?: string) {
  const server = pg as PostgresServer;
  const port = await freePort();
  return runScript("verify-restore.sh", { BACKUP_DIR: dir, VERIFY_WORKDIR: workdir ?? path.join(makeTempDir("work"), "verify"), VERIFY_PORT: String(port) }, server.bin);
}

/** One good backup shared by the corruption tests (copied per test). */
let goodDir: string | undefined;
async function goodBackup(): Promise<string> {
  if (!goodDir) {
    goodDir = makeTempDir("good");
    const r = await backup(goodDir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
  return goodDir;
}

function copyDir(from: string): string {
  const to = makeTempDir("copy");
  for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(to, f));
  return to;
}

describe("backup.sh + verify-restore.sh against a real PostgreSQL", () => {
  test("the counts SQL exists once, in table-counts.sql, which both scripts read from their own directory", () => {
    const sql = fs.readFileSync(scriptPath("table-counts.sql"), "utf8");
    expect(sql).toMatch(/^SET datestyle = 'ISO, YMD';\n/);
    expect(sql).toContain("\\echo '#' 'readystack-counts v1' 'encoding' :rs_encoding\n");
    expect(sql.endsWith("\\endif\n")).toBe(true);
    // Lines distinctive enough that a script holding any of them would be holding (part of) the SQL.
    const sqlLines = sql.split("\n").filter((l) => l.trim().length >= 12);
    expect(sqlLines.length).toBeGreaterThan(15);
    for (const name of ["backup.sh", "verify-restore.sh"] as const) {
      const text = fs.readFileSync(scriptPath(name), "utf8");
      expect(text).toContain(`script_dir=$(CDPATH='' cd -- "$(dirname -- "\${BASH_SOURCE[0]}")" && pwd)`);
      expect(text).toContain('COUNTS_SQL="$script_dir/table-counts.sql"');
      expect(text).toContain('counts_sql() { cat -- "$COUNTS_SQL"; }');
      expect(text).not.toMatch(/counts-sql (begin|end)|<<'?SQL/);
      expect(sqlLines.filter((l) => text.includes(l))).toEqual([]);
    }
  });

  test("a script whose directory lacks table-counts.sql fails at once with one line naming the missing file", async () => {
    if (!pg) return;
    const dir = makeTempDir("no-sql");
    for (const name of ["backup.sh", "verify-restore.sh"] as const) fs.copyFileSync(scriptPath(name), path.join(dir, name));
    const backups = makeTempDir("no-sql-backups");
    const env = { PATH: scriptPathEnv(pg.bin), BACKUP_DIR: backups, VERIFY_WORKDIR: path.join(makeTempDir("work"), "verify"), ...pg.libpqEnv(SOURCE_DB) };
    for (const name of ["backup.sh", "verify-restore.sh"]) {
      const r = await run("bash", [path.join(dir, name)], { env, asPostgres: true, cwd: "/" });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`${name}: missing ${dir}/table-counts.sql (table-counts.sql must sit beside ${name})\n`);
    }
    expect(fs.readdirSync(backups)).toEqual([]);
  });

  test("the synthesized scripts ConfigMap, laid out as kubelet mounts it at /scripts, backs up and verifies", async () => {
    if (!pg) return;
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new PostgresBackup(stack, "backup", { namespace: "shop", connection: CONNECTION });
    const json = JSON.parse(Testing.synth(stack));
    const cms = Object.values(json.resource.kubernetes_config_map_v1) as Array<{ data: Record<string, string> }>;
    expect(cms).toHaveLength(1);
    const data = cms[0].data;
    expect(Object.keys(data).sort()).toEqual(["backup.sh", "table-counts.sql", "verify-restore.sh"]);

    // kubelet's atomic writer: <dir>/..<timestamp>/<key>, <dir>/..data -> ..<timestamp>, <dir>/<key> -> ..data/<key>.
    const mount = makeTempDir("scripts");
    const payload = "..2025_01_01_00_00_00.000000001";
    fs.mkdirSync(path.join(mount, payload), { mode: 0o755 });
    for (const [key, text] of Object.entries(data)) {
      const file = path.join(mount, payload, key);
      fs.writeFileSync(file, text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{"));
      fs.chmodSync(file, 0o555);
    }
    fs.symlinkSync(payload, path.join(mount, "..data"));
    for (const key of Object.keys(data)) fs.symlinkSync(path.join("..data", key), path.join(mount, key));

    const dir = makeTempDir("cm-backups");
    const b = await run("bash", [path.join(mount, "backup.sh")], {
      env: { PATH: scriptPathEnv(pg.bin), BACKUP_DIR: dir, ...pg.libpqEnv(SOURCE_DB) },
      asPostgres: true,
      cwd: "/",
      timeoutMs: 110_000,
    });
    expect(b.stderr).toBe("");
    expect(b.code).toBe(0);
    const dumps = completeDumps(dir);
    expect(dumps).toHaveLength(1);
    // Same SQL, same data: the .counts is byte-identical to the one lib/scripts/backup.sh wrote.
    const good = await goodBackup();
    const counts = (d: string, f: string) => fs.readFileSync(path.join(d, f.replace(/\.dump$/, ".counts")), "utf8");
    expect(counts(dir, dumps[0])).toBe(counts(good, completeDumps(good)[0]));

    // Run with sh as well (the script re-execs itself with bash) from an unrelated working directory.
    const v = await run("sh", [path.join(mount, "verify-restore.sh")], {
      env: { PATH: scriptPathEnv(pg.bin), BACKUP_DIR: dir, VERIFY_WORKDIR: path.join(makeTempDir("work"), "verify"), VERIFY_PORT: String(await freePort()) },
      asPostgres: true,
      cwd: "/",
      timeoutMs: 110_000,
    });
    expect(v.stderr).toBe("");
    expect(v.code).toBe(0);
    expect(v.stdout).toContain(`VERIFIED ${path.join(dir, dumps[0])}`);
  });

  test("1: backup of tables with non-ASCII text, bytea and large objects verifies, and an independent restore matches the source", async () => {
    if (!pg) return;
    const dir = await goodBackup();
    const dumps = completeDumps(dir);
    expect(dumps).toHaveLength(1);
    expect(dumps[0]).toMatch(/^shop-\d{8}T\d{6}Z\.dump$/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
    const base = path.join(dir, dumps[0].replace(/\.dump$/, ""));
    // .sha256 names the final file and matches its content
    const sha = fs.readFileSync(`${base}.sha256`, "utf8");
    expect(sha).toMatch(new RegExp(`^[0-9a-f]{64}  ${dumps[0].replace(/\./g, "\\.")}\\n$`));
    // .counts has one line per table with the source's row count, plus large objects
    const counts = fs.readFileSync(`${base}.counts`, "utf8").trim().split("\n");
    expect(counts[0]).toBe("# readystack-counts v1 encoding UTF8");
    const rows = Object.fromEntries(counts.slice(1).map((l) => l.split("\t")).map(([kind, name, n, sum]) => [kind === "table" ? name : kind, { n: Number(n), sum }]));
    expect(rows["public.customers"].n).toBe(2500);
    expect(rows["public.orders"].n).toBe(3000);
    expect(rows["inventory.blobs"].n).toBe(400);
    expect(rows["public.empty_table"].n).toBe(0);
    expect(rows.large_objects.n).toBe(2);
    expect(rows.large_objects.sum).toMatch(/^[0-9a-f]{32}$/);

    const workParent = makeTempDir("work");
    const workdir = path.join(workParent, "verify");
    const v = await verify(dir, workdir);
    expect(v.stderr).toBe("");
    expect(v.code).toBe(0);
    expect(v.stdout).toContain(`VERIFIED ${path.join(dir, dumps[0])}`);
    expect(fs.existsSync(workdir)).toBe(false); // cleaned (it did not exist before)

    // Independent restore with pg_restore into a new database of the same server.
    await pg.createDatabase("shop_restored");
    await runOk(path.join(pg.bin, "pg_restore"), ["--no-owner", "--exit-on-error", "-d", "shop_restored", path.join(dir, dumps[0])], {
      env: { PATH: scriptPathEnv(pg.bin), ...pg.libpqEnv("shop_restored") },
    });
    const [src, restored] = await Promise.all([digests(SOURCE_DB), digests("shop_restored")]);
    expect(restored).toEqual(src);
    expect(src["public.customers"].rows).toBe(2500);
    expect(src.large_objects.rows).toBe(2);
  });

  test("1b: a backup taken while rows are being written still verifies (dump and counts share one snapshot)", async () => {
    if (!pg) return;
    await pg.createDatabase("busy");
    await pg.query("busy", "CREATE TABLE events (id bigserial PRIMARY KEY, body text); INSERT INTO events (body) SELECT 'seed ' || g FROM generate_series(1, 20000) g");
    const writer = await pg.connect("busy");
    let writing = true;
    let written = 0;
    const loop = (async () => {
      while (writing) {
        await writer.query("INSERT INTO events (body) VALUES ('during backup ' || clock_timestamp())");
        written++;
      }
    })();
    const dir = makeTempDir("busy");
    let b;
    try {
      await new Promise((res) => setTimeout(res, 100));
      b = await backup(dir, {}, "busy");
    } finally {
      writing = false;
      await loop;
      await writer.end();
    }
    expect(b.stderr).toBe("");
    expect(b.code).toBe(0);
    expect(written).toBeGreaterThan(0);
    const v = await verify(dir);
    expect(v.stderr).toBe("");
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^VERIFIED .*busy-\d{8}T\d{6}Z\.dump$/m);
  });

  test("1c: a non-superuser owner backs up and verifies (LO count only); a pg_dump failure mid-run removes its partials and prunes nothing", async () => {
    if (!pg) return;
    await pg.query("postgres", "CREATE ROLE app LOGIN PASSWORD 'app-pw'");
    await pg.query("postgres", "CREATE DATABASE appdb OWNER app");
    const c = new Client({ host: pg.host, port: pg.port, user: "app", password: "app-pw", database: "appdb" });
    await c.connect();
    try {
      await c.query("CREATE TABLE notes (id int, body text); INSERT INTO notes SELECT g, 'Notiz ' || g || ' ✓' FROM generate_series(1, 1000) g");
      await c.query("SELECT lo_from_bytea(0, 'owned by app'::bytea)");
    } finally {
      await c.end();
    }
    const dir = makeTempDir("app");
    const b = await backup(dir, { PGUSER: "app", PGPASSWORD: "app-pw" }, "appdb");
    expect(b.stderr).toBe("");
    expect(b.code).toBe(0);
    const counts = fs.readFileSync(path.join(dir, completeDumps(dir)[0].replace(/\.dump$/, ".counts")), "utf8");
    expect(counts).toMatch(/^table\tpublic\.notes\t1000\t[0-9a-f]{32}$/m);
    expect(counts).toMatch(/^large_objects\t-\t1\t-$/m); // pg_largeobject is not readable without superuser
    const v = await verify(dir);
    expect(v.stderr).toBe("");
    expect(v.code).toBe(0);
    expect(v.stdout).toContain("VERIFIED ");

    // pg_dump failing mid-run (a table the owner may not read): non-zero, this run's partials removed,
    // the earlier complete dump untouched, nothing pruned.
    await pg.query("appdb", "CREATE TABLE private_audit (x int); REVOKE ALL ON private_audit FROM PUBLIC");
    const before = new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
    await new Promise((res) => setTimeout(res, 1100)); // a new name-timestamp second
    const failed = await backup(dir, { PGUSER: "app", PGPASSWORD: "app-pw", BACKUP_RETENTION: "1" }, "appdb");
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/permission denied/);
    expect(failed.stderr).toMatch(/^backup\.sh: .*failed/m);
    expect(fs.readdirSync(dir).sort()).toEqual([...before.keys()].sort());
    for (const [f, content] of before) expect(fs.readFileSync(path.join(dir, f)).equals(content)).toBe(true);
  });

  test("2a: a dump with flipped bytes fails the checksum, names the file, prints no VERIFIED", async () => {
    if (!pg) return;
    const dir = copyDir(await goodBackup());
    const dump = path.join(dir, completeDumps(dir)[0]);
    const buf = fs.readFileSync(dump);
    const mid = Math.floor(buf.length / 2);
    for (let i = mid; i < mid + 16; i++) buf[i] ^= 0xff;
    fs.writeFileSync(dump, buf);
    const v = await verify(dir);
    expect(v.code).not.toBe(0);
    expect(v.stderr).toContain(dump);
    expect(v.stderr).toMatch(/checksum/);
    expect(v.stdout).not.toContain("VERIFIED");
  });

  test("2b: a truncated dump fails (checksum, and the restore even with a matching checksum)", async () => {
    if (!pg) return;
    const dir = copyDir(await goodBackup());
    const name = completeDumps(dir)[0];
    const dump = path.join(dir, name);
    fs.truncateSync(dump, Math.floor(fs.statSync(dump).size / 2));
    const v1 = await verify(dir);
    expect(v1.code).not.toBe(0);
    expect(v1.stderr).toContain(dump);
    expect(v1.stderr).toMatch(/checksum/);
    expect(v1.stdout).not.toContain("VERIFIED");

    // Same truncation but a .sha256 written for it: the archive itself must be rejected.
    const sum = (await runOk("sha256sum", [dump])).stdout.split(" ")[0];
    fs.writeFileSync(dump.replace(/\.dump$/, ".sha256"), `${sum}  ${name}\n`);
    const v2 = await verify(dir);
    expect(v2.code).not.toBe(0);
    expect(v2.stderr).toContain(dump);
    expect(v2.stderr).toMatch(/restore failed|archive unreadable/);
    expect(v2.stdout).not.toContain("VERIFIED");
  });

  test("2c: a dump whose .counts disagree with its content fails naming the table and the check", async () => {
    if (!pg) return;
    const dir = copyDir(await goodBackup());
    const countsFile = path.join(dir, completeDumps(dir)[0].replace(/\.dump$/, ".counts"));
    const lines = fs.readFileSync(countsFile, "utf8").split("\n");
    const edited = lines.map((l) => (l.startsWith("table\tpublic.orders\t") ? l.replace("\t3000\t", "\t2999\t") : l.startsWith("table\tinventory.blobs\t") ? l.replace(/\t[0-9a-f]{32}$/, "\t00000000000000000000000000000000") : l));
    fs.writeFileSync(countsFile, edited.join("\n"));
    const v = await verify(dir);
    expect(v.code).not.toBe(0);
    expect(v.stderr).toMatch(/table public\.orders: row count mismatch \(backup 2999, restored 3000\)/);
    expect(v.stderr).toMatch(/table inventory\.blobs: content checksum mismatch/);
    expect(v.stdout).not.toContain("VERIFIED");
  });

  test("3: unreachable database and wrong password fail fast, leave no complete-looking file, keep the previous backup byte-identical", async () => {
    if (!pg) return;
    const dir = copyDir(await goodBackup());
    const before = completeDumps(dir);
    const snapshot = new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
    const closedPort = await freePort();

    const started = Date.now();
    const unreachable = await backup(dir, { PGPORT: String(closedPort), PGCONNECT_TIMEOUT: "5" });
    expect(unreachable.code).not.toBe(0);
    expect(unreachable.stderr).toMatch(/^backup\.sh: cannot connect/m);
    const wrongPw = await backup(dir, { PGPASSWORD: "definitely-wrong" });
    expect(wrongPw.code).not.toBe(0);
    expect(wrongPw.stderr).toMatch(/^backup\.sh: cannot connect.*password authentication failed/m);
    expect(Date.now() - started).toBeLessThan(20_000);

    expect(completeDumps(dir)).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual([...snapshot.keys()].sort());
    for (const [f, content] of snapshot) expect(fs.readFileSync(path.join(dir, f)).equals(content)).toBe(true);
  });

  test("4: retention keeps the 3 newest of 5 complete dumps, prunes older ones with side files, leaves foreign files; a failed run prunes nothing", async () => {
    if (!pg) return;
    const good = await goodBackup();
    const goodName = completeDumps(good)[0].replace(/\.dump$/, "");
    const dir = makeTempDir("retention");
    const older = ["20200101T000000Z", "20200102T000000Z", "20210301T101010Z", "20220704T235959Z"];
    for (const stamp of older) {
      const name = `shop-${stamp}`;
      fs.copyFileSync(path.join(good, `${goodName}.dump`), path.join(dir, `${name}.dump`));
      fs.copyFileSync(path.join(good, `${goodName}.counts`), path.join(dir, `${name}.counts`));
      const sum = fs.readFileSync(path.join(good, `${goodName}.sha256`), "utf8").split(" ")[0];
      fs.writeFileSync(path.join(dir, `${name}.sha256`), `${sum}  ${name}.dump\n`);
    }
    const foreign = {
      "notes.txt": "not a backup",
      "shop-20190101T000000Z.dump": "an old dump without side files (incomplete: never touched)",
      "shop-20190102T000000Z.dump.partial": "someone else's partial",
      "otherdb-20000101T000000Z.dump": "another database's dump",
      "otherdb-20000101T000000Z.sha256": "x",
      "otherdb-20000101T000000Z.counts": "x",
    };
    for (const [f, text] of Object.entries(foreign)) fs.writeFileSync(path.join(dir, f), text);

    // A failed run (wrong password) with the tightest retention prunes nothing.
    const listing = fs.readdirSync(dir).sort();
    const failed = await backup(dir, { PGPASSWORD: "wrong", BACKUP_RETENTION: "1" });
    expect(failed.code).not.toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);

    const ok = await backup(dir, { BACKUP_RETENTION: "3" });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const kept = completeDumps(dir).filter((f) => f.startsWith("shop-"));
    expect(kept).toHaveLength(3);
    expect(kept.slice(0, 2)).toEqual(["shop-20210301T101010Z.dump", "shop-20220704T235959Z.dump"]);
    expect(kept[2]).toMatch(/^shop-20\d{6}T\d{6}Z\.dump$/);
    expect(kept[2] > "shop-2023").toBe(true);
    for (const pruned of ["shop-20200101T000000Z", "shop-20200102T000000Z"]) {
      for (const ext of [".dump", ".sha256", ".counts"]) expect(fs.existsSync(path.join(dir, pruned + ext))).toBe(false);
    }
    for (const [f, text] of Object.entries(foreign)) expect(fs.readFileSync(path.join(dir, f), "utf8")).toBe(text);
    expect(ok.stdout).toMatch(/pruned .*shop-20200101T000000Z\.dump/);
  });

  test("5: verify with no complete backup fails with a clear message", async () => {
    if (!pg) return;
    const empty = makeTempDir("empty");
    const v1 = await verify(empty);
    expect(v1.code).not.toBe(0);
    expect(v1.stderr).toContain(`verify-restore.sh: no complete backup in ${empty}`);
    expect(v1.stdout).not.toContain("VERIFIED");

    // Only incomplete files: a .dump without side files and a .partial.
    const incomplete = makeTempDir("incomplete");
    fs.writeFileSync(path.join(incomplete, "shop-20240101T000000Z.dump"), "x");
    fs.writeFileSync(path.join(incomplete, "shop-20240102T000000Z.dump.partial"), "x");
    fs.writeFileSync(path.join(incomplete, "shop-20240102T000000Z.sha256"), "x");
    const v2 = await verify(incomplete);
    expect(v2.code).not.toBe(0);
    expect(v2.stderr).toContain(`no complete backup in ${incomplete}`);
  });

  test("verify finds initdb in /usr/lib/postgresql/<major>/bin when PATH lacks it, and rejects a bad PG_BIN", async () => {
    if (!pg || !pg.bin.startsWith("/usr/lib/postgresql/")) return;
    const dir = await goodBackup();
    const work = () => path.join(makeTempDir("work"), "verify");
    const env = { PATH: "/usr/bin:/bin", BACKUP_DIR: dir, VERIFY_PORT: String(await freePort()) };
    const found = await run("bash", [scriptPath("verify-restore.sh")], { env: { ...env, VERIFY_WORKDIR: work() }, asPostgres: true });
    expect(found.stderr).toBe("");
    expect(found.stdout).toMatch(/^VERIFIED /m);
    const bad = await run("bash", [scriptPath("verify-restore.sh")], { env: { ...env, VERIFY_WORKDIR: work(), PG_BIN: "/nonexistent" }, asPostgres: true });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^verify-restore\.sh: PG_BIN='\/nonexistent' has no executable initdb$/m);
  });

  test("verify refuses to run as root with a clear message", async () => {
    if (!pg || process.getuid?.() !== 0) return;
    const r = await run("bash", [scriptPath("verify-restore.sh")], { env: { PATH: scriptPathEnv(pg.bin), BACKUP_DIR: await goodBackup() } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^verify-restore\.sh: must not run as root/);
  });
});
