import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** What the real-service tests need on the machine, and how to get it. */
export const INSTALL_HINT = "apt-get install -y postgresql redis-server rclone busybox";

/** Highest-major PostgreSQL server bin directory: $PG_BIN, else initdb on PATH, else /usr/lib/postgresql/<major>/bin. */
export function findPgBin(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const onPath = whichSync("initdb");
  if (onPath && whichSync("pg_ctl")) return path.dirname(fs.realpathSync(onPath)); // /usr/local/bin/initdb may be a symlink
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return undefined;
  const majors = fs
    .readdirSync(root)
    .filter((d) => /^\d+$/.test(d) && fs.existsSync(path.join(root, d, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length > 0 ? path.join(root, majors[0], "bin") : undefined;
}

/** Absolute path of an executable on PATH, or undefined. */
export function whichSync(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, cmd);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Result of probing for one kind of real service. */
export interface Availability {
  /** True when every binary the suite needs is present. */
  readonly ok: boolean;
  /** Human-readable list of what is missing (empty when ok). */
  readonly missing: string[];
}

/** PostgreSQL server + client binaries (and, when running as root, the `postgres` user + runuser). */
export function postgresAvailability(): Availability {
  const missing: string[] = [];
  const bin = findPgBin();
  if (!bin) missing.push("initdb/pg_ctl (PostgreSQL server)");
  for (const tool of ["pg_dump", "pg_restore", "psql"]) {
    if (!(bin && fs.existsSync(path.join(bin, tool))) && !whichSync(tool)) missing.push(tool);
  }
  if (isRoot()) {
    if (!whichSync("runuser")) missing.push("runuser");
    if (postgresUserIds() === undefined) missing.push("the postgres system user");
  }
  return { ok: missing.length === 0, missing };
}

/** redis-server, redis-cli and redis-benchmark. */
export function redisAvailability(): Availability {
  const missing = ["redis-server", "redis-cli", "redis-benchmark"].filter((t) => !whichSync(t));
  return { ok: missing.length === 0, missing };
}

/** True when this process runs as root (initdb/postgres must then run as the postgres user). */
export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** uid/gid of the `postgres` system user, if it exists. */
export function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Called from beforeAll when a service is unavailable. Under CI (CI=true) it throws, so the suite fails
 * with what to install. Otherwise it logs ONE line per jest run (a marker file keyed by the jest parent
 * process claims the notice) and the tests return early.
 */
export function handleUnavailable(what: string, availability: Availability): void {
  if (availability.ok) return;
  if (process.env.CI === "true") {
    throw new Error(`real-service tests need ${what} (missing: ${availability.missing.join(", ")}): ${INSTALL_HINT}`);
  }
  const marker = path.join(os.tmpdir(), `readystack-integration-skip-${process.ppid}`);
  try {
    fs.closeSync(fs.openSync(marker, "wx"));
  } catch {
    return; // another test file already said it
  }
  console.log(`skipping real-service tests: ${INSTALL_HINT}`);
}
