/**
 * Real PostgreSQL: lib/scripts/migrate.sh, run with bash and exactly the environment the migrations Job sets.
 */
import * as fs from "fs";
import * as path from "path";
import { handleUnavailable, postgresAvailability } from "./support/availability";
import { makeTempDir, PostgresServer, removeTempDirs, runScript, startPostgres } from "./support/postgres-server";

jest.setTimeout(120_000);

const availability = postgresAvailability();
let pg: PostgresServer | undefined;

beforeAll(async () => {
  handleUnavailable("PostgreSQL", availability);
  if (!availability.ok) return;
  pg = await startPostgres();
}, 120_000);

afterAll(async () => {
  if (pg) await pg.stop();
  removeTempDirs();
}, 120_000);

function migrationsDir(files: Record<string, string>): string {
  const dir = makeTempDir("migrations");
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

function migrate(db: string, dir: string) {
  const server = pg as PostgresServer;
  return runScript("migrate.sh", { ...server.libpqEnv(db), MIGRATIONS_DIR: dir }, server.bin);
}

async function applied(db: string): Promise<string[]> {
  const rows = await (pg as PostgresServer).query<{ version: string }>(db, "SELECT version FROM schema_migrations ORDER BY applied_at, version");
  return rows.map((r) => r.version);
}

async function tableExists(db: string, name: string): Promise<boolean> {
  const rows = await (pg as PostgresServer).query<{ t: string | null }>(db, "SELECT to_regclass($1)::text AS t", [name]);
  return rows[0].t !== null;
}

describe("migrate.sh against a real PostgreSQL", () => {
  test("6: a fresh database gets every file in lexical order, recorded in schema_migrations; a second run applies nothing", async () => {
    if (!pg) return;
    await pg.createDatabase("mig_fresh");
    // Written out of order and with a name that sorts differently numerically: lexical order rules.
    const dir = migrationsDir({
      "0003_add_index.sql": "CREATE INDEX users_email_idx ON users (email);\nINSERT INTO trail VALUES ('0003');\n",
      "0001_users.sql": "CREATE TABLE trail (step text);\nCREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\nINSERT INTO trail VALUES ('0001');\n",
      "0002_orders.sql": "CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users(id));\nINSERT INTO trail VALUES ('0002')",
      "0010_seed.sql": "INSERT INTO users (email) VALUES ('ä@example.com');\nINSERT INTO trail VALUES ('0010');\n",
      "README.md": "not a migration",
    });
    const first = await migrate("mig_fresh", dir);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout.split("\n").filter((l) => l.startsWith("applied "))).toEqual([
      "applied 0001_users.sql",
      "applied 0002_orders.sql",
      "applied 0003_add_index.sql",
      "applied 0010_seed.sql",
    ]);
    expect(first.stdout).toMatch(/4 applied, 0 already applied/);
    expect(await applied("mig_fresh")).toEqual(["0001_users.sql", "0002_orders.sql", "0003_add_index.sql", "0010_seed.sql"]);
    const trail = await pg.query<{ step: string }>("mig_fresh", "SELECT step FROM trail");
    expect(trail.map((r) => r.step)).toEqual(["0001", "0002", "0003", "0010"]);
    const cols = await pg.query<{ column_name: string; data_type: string; is_nullable: string }>(
      "mig_fresh",
      "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'schema_migrations' ORDER BY ordinal_position",
    );
    expect(cols).toEqual([
      { column_name: "version", data_type: "text", is_nullable: "NO" },
      { column_name: "checksum", data_type: "text", is_nullable: "NO" },
      { column_name: "applied_at", data_type: "timestamp with time zone", is_nullable: "NO" },
    ]);
    const sums = await pg.query<{ checksum: string }>("mig_fresh", "SELECT checksum FROM schema_migrations");
    for (const s of sums) expect(s.checksum).toMatch(/^[0-9a-f]{64}$/);

    const second = await migrate("mig_fresh", dir);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/^applied /m);
    expect(second.stdout).toMatch(/0 applied, 4 already applied/);
    expect((await pg.query("mig_fresh", "SELECT * FROM trail")).length).toBe(4);

    // An edited, already-applied file is warned about and not re-run.
    fs.appendFileSync(path.join(dir, "0010_seed.sql"), "INSERT INTO trail VALUES ('again');\n");
    const third = await migrate("mig_fresh", dir);
    expect(third.code).toBe(0);
    expect(third.stderr).toMatch(/^migrate\.sh: warning: 0010_seed\.sql was already applied with checksum [0-9a-f]{64} but the file now has checksum [0-9a-f]{64}/m);
    expect((await pg.query("mig_fresh", "SELECT * FROM trail")).length).toBe(4);
  });

  test("7: a syntax error in file 3 of 4: 1-2 stay applied, 3 is rolled back, 4 is not applied, exit non-zero naming the file", async () => {
    if (!pg) return;
    await pg.createDatabase("mig_broken");
    const dir = migrationsDir({
      "001_a.sql": "CREATE TABLE a (id int);\n",
      "002_b.sql": "CREATE TABLE b (id int);\n",
      "003_c.sql": "CREATE TABLE c_partial (id int);\nINSERT INTO a VALUES (1);\nCREAT TABLE oops (id int);\n",
      "004_d.sql": "CREATE TABLE d (id int);\n",
    });
    const r = await migrate("mig_broken", dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^migrate\.sh: 003_c\.sql failed and was rolled back/m);
    expect(r.stderr).toMatch(/003_c\.sql:3: ERROR: +syntax error/);
    expect(r.stdout).toContain("applied 001_a.sql");
    expect(r.stdout).toContain("applied 002_b.sql");
    expect(r.stdout).not.toContain("applied 003_c.sql");
    expect(await applied("mig_broken")).toEqual(["001_a.sql", "002_b.sql"]);
    expect(await tableExists("mig_broken", "a")).toBe(true);
    expect(await tableExists("mig_broken", "b")).toBe(true);
    expect(await tableExists("mig_broken", "c_partial")).toBe(false); // partial DDL of file 3 rolled back
    expect((await pg.query("mig_broken", "SELECT * FROM a")).length).toBe(0); // its DML too
    expect(await tableExists("mig_broken", "d")).toBe(false);

    // Fixing the file lets the next run continue where it stopped.
    fs.writeFileSync(path.join(dir, "003_c.sql"), "CREATE TABLE c (id int);\n");
    const again = await migrate("mig_broken", dir);
    expect(again.code).toBe(0);
    expect(await applied("mig_broken")).toEqual(["001_a.sql", "002_b.sql", "003_c.sql", "004_d.sql"]);
  });

  test("8: two migrators started together apply each migration exactly once", async () => {
    if (!pg) return;
    await pg.createDatabase("mig_race");
    const dir = migrationsDir({
      // Slow first file so the second migrator has to wait on the advisory lock; CREATE TABLE without
      // IF NOT EXISTS fails if run twice, the inserts would double.
      "01_slow.sql": "CREATE TABLE ledger (entry text NOT NULL);\nSELECT pg_sleep(1.5);\nINSERT INTO ledger VALUES ('01');\n",
      "02_more.sql": "CREATE TABLE more (id int);\nINSERT INTO ledger VALUES ('02');\n",
      "03_seed.sql": "INSERT INTO ledger VALUES ('03');\n",
    });
    const started = Date.now();
    const [x, y] = await Promise.all([migrate("mig_race", dir), migrate("mig_race", dir)]);
    const elapsed = Date.now() - started;
    expect([x.code, y.code]).toEqual([0, 0]);
    expect(x.stderr + y.stderr).toBe("");
    const appliedLines = (x.stdout + y.stdout).split("\n").filter((l) => l.startsWith("applied ")).sort();
    expect(appliedLines).toEqual(["applied 01_slow.sql", "applied 02_more.sql", "applied 03_seed.sql"]);
    const ledger = await pg.query<{ entry: string }>("mig_race", "SELECT entry FROM ledger ORDER BY entry");
    expect(ledger.map((r) => r.entry)).toEqual(["01", "02", "03"]);
    expect(await applied("mig_race")).toEqual(["01_slow.sql", "02_more.sql", "03_seed.sql"]);
    expect(elapsed).toBeGreaterThanOrEqual(1500); // they really overlapped the slow file
  });

  test("a ConfigMap-style mount (files are symlinks into ..data, hidden ..timestamp dirs) is read correctly", async () => {
    if (!pg) return;
    await pg.createDatabase("mig_configmap");
    const dir = makeTempDir("configmap");
    const stamp = path.join(dir, "..2026_11_25_12_00_00.000000001");
    fs.mkdirSync(stamp);
    fs.writeFileSync(path.join(stamp, "001_one.sql"), "CREATE TABLE one (id int);\n");
    fs.writeFileSync(path.join(stamp, "002_two.sql"), "CREATE TABLE two (id int);\n");
    fs.symlinkSync(path.basename(stamp), path.join(dir, "..data"));
    for (const f of ["001_one.sql", "002_two.sql"]) fs.symlinkSync(path.join("..data", f), path.join(dir, f));
    const r = await migrate("mig_configmap", dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(await applied("mig_configmap")).toEqual(["001_one.sql", "002_two.sql"]);
  });

  test("unreachable database: non-zero with a clear message, nothing applied", async () => {
    if (!pg) return;
    const dir = migrationsDir({ "1.sql": "SELECT 1;\n" });
    const r = await runScript("migrate.sh", { ...pg.libpqEnv("postgres"), PGPASSWORD: "wrong", MIGRATIONS_DIR: dir }, pg.bin);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^migrate\.sh: could not connect or take the migration lock/m);
  });
});
