import * as fs from "fs";
import * as path from "path";
import { PostgresConnection } from "../../../lib/k8s/connections";
import { DatabaseMigrations, DatabaseMigrationsProps } from "../../../lib/postgres/database-migrations";
import { PostgresDatabase } from "../../../lib/postgres/postgres-database";
import { readScript } from "../../../lib/scripts";
import { IMAGES } from "../../../lib/versions";
import { all, configError, freshStack, only, synthJson } from "./helpers";

const fixtures = path.join(__dirname, "fixtures");
const migrationsDir = path.join(fixtures, "migrations");

const connection: PostgresConnection = {
  host: "postgres.shop.svc.cluster.local",
  port: 5432,
  database: "app",
  usernameSecret: { name: "postgres-credentials", key: "username" },
  passwordSecret: { name: "postgres-credentials", key: "password" },
  clientImage: IMAGES.postgres,
  podSelector: { "app.kubernetes.io/name": "postgres" },
};

const byName = <T extends { name: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.name, i]));
const unescape = (s: string) => s.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");

function synthMigrations(props: Partial<DatabaseMigrationsProps>) {
  let m!: DatabaseMigrations;
  const json = synthJson((stack) => {
    m = new DatabaseMigrations(stack, "migrations", { namespace: "shop", connection, ...props });
  });
  return { m, json, job: only(json, "kubernetes_job_v1") };
}

describe("DatabaseMigrations, SQL mode", () => {
  const { m, json, job } = synthMigrations({ migrationsDir });
  const pod = job.spec.template.spec;
  const c = pod.container[0];

  test("Terraform waits for the Job, with create/update timeouts, and it keeps tracking it", () => {
    expect(job.wait_for_completion).toBe(true);
    expect(job.timeouts).toEqual({ create: "15m", update: "15m" });
    expect(job.spec.backoff_limit).toBe(1);
    expect(job.spec.active_deadline_seconds).toBe(900);
    expect(job.spec.ttl_seconds_after_finished).toBeUndefined();
    expect(pod.restart_policy).toBe("Never");
  });

  test("the Job name carries a 10-hex hash of the migrations", () => {
    expect(job.metadata.name).toMatch(/^db-migrations-[0-9a-f]{10}$/);
    expect(job.metadata.name).toBe(`db-migrations-${m.hash}`);
    expect(job["//"].readystack).toMatchObject({ component: "migrations", migrationsMode: "sql", migrationsHash: m.hash });
  });

  test("the hash is stable for the same files and changes when a migration is added", () => {
    expect(synthMigrations({ migrationsDir }).m.hash).toBe(m.hash);
    const changed = synthMigrations({ migrationsDir: path.join(fixtures, "migrations-changed") });
    expect(changed.m.hash).not.toBe(m.hash);
    expect(changed.job.metadata.name).not.toBe(job.metadata.name);
  });

  test("SQL files (sorted, non-.sql ignored, Terraform-escaped) and migrate.sh in ConfigMaps", () => {
    expect(m.files.map((f) => f.name)).toEqual(["001_create_customers.sql", "002_add_orders.sql", "010_function.sql"]);
    const cms = Object.values(all(json, "kubernetes_config_map_v1"));
    expect(cms).toHaveLength(2);
    const sql = cms.find((cm) => cm.metadata.name === "db-migrations-sql");
    const scripts = cms.find((cm) => cm.metadata.name === "db-migrations-scripts");
    expect(Object.keys(sql.data).sort()).toEqual(["001_create_customers.sql", "002_add_orders.sql", "010_function.sql"]);
    const fn = sql.data["010_function.sql"];
    expect(fn).toContain("$${");
    expect(fn).toContain("%%{x}");
    expect(unescape(fn)).toBe(fs.readFileSync(path.join(migrationsDir, "010_function.sql"), "utf8"));
    expect(unescape(scripts.data["migrate.sh"])).toBe(readScript("migrate.sh"));
    expect(m.configMaps).toHaveLength(2);
  });

  test("runs migrate.sh in the client image with MIGRATIONS_DIR and libpq env from the Secret", () => {
    expect(c.image).toBe(IMAGES.postgres);
    expect(c.command).toEqual(["bash", "/scripts/migrate.sh"]);
    const env = byName<any>(c.env);
    expect(env.MIGRATIONS_DIR.value).toBe("/migrations");
    expect(env.PGHOST.value).toBe(connection.host);
    expect(env.PGPASSWORD.value_from.secret_key_ref).toEqual({ name: "postgres-credentials", key: "password" });
    expect(env.DATABASE_URL).toBeUndefined();
    const mounts = byName<any>(c.volume_mount);
    expect(mounts.migrations).toMatchObject({ mount_path: "/migrations", read_only: true });
    expect(mounts.scripts).toMatchObject({ mount_path: "/scripts", read_only: true });
    const vols = byName<any>(pod.volume);
    expect(vols.scripts.config_map.default_mode).toBe("0555");
    expect(vols.migrations.config_map.name).toMatch(/^\$\{kubernetes_config_map_v1\./);
  });

  test("waits for Postgres first; secure contexts, requests and limits everywhere", () => {
    expect(pod.init_container[0].name).toBe("wait-for-postgres");
    expect(pod.init_container[0].command[2]).toContain("pg_isready");
    expect(pod.automount_service_account_token).toBe(false);
    expect(pod.security_context).toMatchObject({ run_as_non_root: true, run_as_user: "999" });
    for (const ctr of [...pod.container, ...pod.init_container]) {
      expect(ctr.security_context).toMatchObject({ read_only_root_filesystem: true, allow_privilege_escalation: false, capabilities: { drop: ["ALL"] } });
      expect(ctr.resources.requests).toBeDefined();
      expect(ctr.resources.limits).toBeDefined();
    }
    expect(byName<any>(c.volume_mount).tmp.mount_path).toBe("/tmp");
  });

  test("labels and selector: component migrations", () => {
    expect(m.podSelector["app.kubernetes.io/component"]).toBe("migrations");
    expect(job.spec.template.metadata.labels).toMatchObject(m.podSelector);
  });
});

describe("DatabaseMigrations, command mode", () => {
  const { m, job } = synthMigrations({
    command: ["npm", "run", "migrate"],
    image: "ghcr.io/acme/shop-api:1.4.2",
    env: { NODE_ENV: "production" },
  });
  const pod = job.spec.template.spec;
  const c = pod.container[0];

  test("runs the app's command in the app image with DATABASE_URL built by Kubernetes expansion", () => {
    expect(c.image).toBe("ghcr.io/acme/shop-api:1.4.2");
    expect(c.command).toEqual(["npm", "run", "migrate"]);
    const names = c.env.map((e: { name: string }) => e.name);
    // $(VAR) expansion only sees variables defined earlier in the list.
    expect(names.indexOf("DATABASE_URL")).toBeGreaterThan(names.indexOf("PGPASSWORD"));
    const env = byName<any>(c.env);
    expect(env.DATABASE_URL.value).toBe("postgresql://$(PGUSER):$(PGPASSWORD)@postgres.shop.svc.cluster.local:5432/app");
    expect(env.NODE_ENV.value).toBe("production");
    expect(pod.security_context.run_as_user).toBe("10001");
    expect(pod.init_container[0].image).toBe(IMAGES.postgres);
  });

  test("no ConfigMaps; hashed name; waits for completion", () => {
    expect(m.configMaps).toEqual([]);
    expect(m.mode).toBe("command");
    expect(job.metadata.name).toBe(`db-migrations-${m.hash}`);
    expect(job.wait_for_completion).toBe(true);
    const other = synthMigrations({ command: ["npm", "run", "migrate"], image: "ghcr.io/acme/shop-api:1.4.3" });
    expect(other.m.hash).not.toBe(m.hash);
  });

  test("wired to a PostgresDatabase, the Secret name is a Terraform reference", () => {
    const json = synthJson((stack) => {
      const db = new PostgresDatabase(stack, "db", { namespace: "shop" });
      new DatabaseMigrations(stack, "migrations", { namespace: "shop", connection: db.connection, migrationsDir });
    });
    const env = byName<any>(only(json, "kubernetes_job_v1").spec.template.spec.container[0].env);
    expect(env.PGUSER.value_from.secret_key_ref.name).toMatch(/^\$\{kubernetes_secret_v1\./);
  });
});

describe("DatabaseMigrations errors", () => {
  const make = (props: Partial<DatabaseMigrationsProps>) => () =>
    new DatabaseMigrations(freshStack(), "migrations", { namespace: "shop", connection, ...props });

  test("both modes", () => {
    const err = configError(make({ migrationsDir, command: ["migrate"], image: "app:1.0" }));
    expect(err.field).toBe("command/migrationsDir");
    expect(err.message).toContain('"migrate"');
    expect(err.message).toContain(migrationsDir);
  });

  test("neither mode", () => {
    const err = configError(make({}));
    expect(err.field).toBe("command/migrationsDir");
    expect(err.message).toContain("exactly one of command");
  });

  test("command without image", () => {
    const err = configError(make({ command: ["migrate"] }));
    expect(err.field).toBe("image");
  });

  test("unpinned image", () => {
    const err = configError(make({ command: ["migrate"], image: "ghcr.io/acme/app:latest" }));
    expect(err.message).toContain('invalid image "ghcr.io/acme/app:latest"');
  });

  test("missing directory names the path", () => {
    const missing = path.join(fixtures, "does-not-exist");
    const err = configError(make({ migrationsDir: missing }));
    expect(err.field).toBe("migrationsDir");
    expect(err.message).toContain(`invalid migrationsDir ${JSON.stringify(missing)}`);
    expect(err.message).toContain("ENOENT");
  });

  test("directory without .sql files names the path", () => {
    const empty = path.join(fixtures, "empty");
    const err = configError(make({ migrationsDir: empty }));
    expect(err.field).toBe("migrationsDir");
    expect(err.message).toContain(JSON.stringify(empty));
    expect(err.message).toContain("at least one .sql file");
  });

  test("a file name with a space is rejected, naming the file", () => {
    const err = configError(make({ migrationsDir: path.join(fixtures, "bad-name") }));
    expect(err.field).toBe("migrationsDir");
    expect(err.message).toContain("001 create.sql");
  });

  test.each<[string, Partial<DatabaseMigrationsProps>, string]>([
    ["backoffLimit", { migrationsDir, backoffLimit: -1 }, "-1"],
    ["activeDeadlineSeconds", { migrationsDir, activeDeadlineSeconds: 5 }, "5"],
    ["timeout", { migrationsDir, timeout: "15 minutes" }, '"15 minutes"'],
    ["name", { migrationsDir, name: "Migrations" }, '"Migrations"'],
    ["image", { migrationsDir, image: "app:1.0" }, '"app:1.0"'],
    ["env.DATABASE_URL", { command: ["m"], image: "app:1.0", env: { DATABASE_URL: "postgres://x" } }, '"postgres://x"'],
    ["command", { command: [], image: "app:1.0" }, "[]"],
  ])("invalid %s", (field, props, shown) => {
    const err = configError(make(props));
    expect(err.field).toBe(field);
    expect(err.message).toContain(`invalid ${field} ${shown}`);
  });
});
