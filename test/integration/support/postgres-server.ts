import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Client } from "pg";
import { scriptPath, ScriptName } from "../../../lib/scripts";
import { findPgBin, isRoot, postgresUserIds } from "./availability";
import { freePort } from "./free-port";
import { run, runOk, RunResult } from "./run";

/** A throwaway PostgreSQL server on a loopback port, password auth over TCP. */
export interface PostgresServer {
  /** Always 127.0.0.1. */
  readonly host: string;
  /** The TCP port it listens on. */
  readonly port: number;
  /** Superuser name. */
  readonly user: string;
  /** Superuser password (scram-sha-256 over TCP). */
  readonly password: string;
  /** Directory holding the server binaries (initdb, pg_ctl, pg_restore, ...). */
  readonly bin: string;
  /** libpq environment for a database, as the CronJob/Job containers get it. */
  libpqEnv(database: string): Record<string, string>;
  /** A connected `pg` client (caller ends it). */
  connect(database: string): Promise<Client>;
  /** Run one statement on a fresh connection and return its rows. */
  query<T extends Record<string, unknown>>(database: string, sql: string, params?: unknown[]): Promise<T[]>;
  /** CREATE DATABASE. */
  createDatabase(name: string): Promise<void>;
  /** Stop the server and delete its directory. */
  stop(): Promise<void>;
}

const tempDirs: string[] = [];

/** A temp directory the scripts' user can write (owned by `postgres` when we are root). */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `readystack-${prefix}-`));
  const ids = isRoot() ? postgresUserIds() : undefined;
  if (ids) fs.chownSync(dir, ids.uid, ids.gid);
  tempDirs.push(dir);
  return dir;
}

/** Remove every directory made with {@link makeTempDir}. */
export function removeTempDirs(): void {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** PATH for the scripts: the server bin dir first (as in the postgres image), then the usual. */
export function scriptPathEnv(bin: string): string {
  return [bin, "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"].join(":");
}

/**
 * Run lib/scripts/<name> with bash and exactly the given environment (plus PATH), as the postgres user
 * when we are root (the container runs it as UID 999, never root).
 */
export function runScript(name: Exclude<ScriptName, "table-counts.sql">, env: Record<string, string>, bin: string): Promise<RunResult> {
  return run("bash", [scriptPath(name)], { env: { PATH: scriptPathEnv(bin), ...env }, asPostgres: true, timeoutMs: 110_000 });
}

/** initdb + start a server in a fresh temp dir on a free loopback port. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPgBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found");
  const dir = makeTempDir("pg");
  const data = path.join(dir, "data");
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const pwfile = path.join(dir, "pwfile");
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  const ids = isRoot() ? postgresUserIds() : undefined;
  if (ids) fs.chownSync(pwfile, ids.uid, ids.gid);
  const env = { PATH: scriptPathEnv(bin), LANG: "C.UTF-8" };
  await runOk(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", `--pwfile=${pwfile}`, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], { env, asPostgres: true });
  const port = await freePort();
  fs.appendFileSync(
    path.join(data, "postgresql.conf"),
    [
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${dir}'`,
      "fsync = off",
      "synchronous_commit = off",
      "full_page_writes = off",
      "",
    ].join("\n"),
  );
  await runOk(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"], { env, asPostgres: true });

  const libpqEnv = (database: string): Record<string, string> => ({
    PGHOST: "127.0.0.1",
    PGPORT: String(port),
    PGDATABASE: database,
    PGUSER: "postgres",
    PGPASSWORD: password,
  });
  const connect = async (database: string): Promise<Client> => {
    const c = new Client({ host: "127.0.0.1", port, user: "postgres", password, database });
    await c.connect();
    return c;
  };
  const query = async <T extends Record<string, unknown>>(database: string, sql: string, params?: unknown[]): Promise<T[]> => {
    const c = await connect(database);
    try {
      return (await c.query<T>(sql, params)).rows;
    } finally {
      await c.end();
    }
  };
  return {
    host: "127.0.0.1",
    port,
    user: "postgres",
    password,
    bin,
    libpqEnv,
    connect,
    query,
    createDatabase: async (name: string) => {
      await query("postgres", `CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    },
    stop: async () => {
      await run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"], { env, asPostgres: true });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
