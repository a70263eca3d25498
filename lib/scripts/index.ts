import * as fs from "fs";
import * as path from "path";

/**
 * The files readystack runs inside containers: the shell scripts (offsite.sh runs in the rclone image) and table-counts.sql, the per-table
 * counts SQL that backup.sh and verify-restore.sh both read from their own directory. Tests run these very files.
 */
export type ScriptName = "backup.sh" | "verify-restore.sh" | "offsite.sh" | "migrate.sh" | "table-counts.sql";

/**
 * Absolute path of a script. From source (ts) the files sit beside this module; from the compiled
 * package (dist/lib/scripts) they are read from the package's lib/scripts, which is shipped.
 */
export function scriptPath(name: ScriptName): string {
  const beside = path.join(__dirname, name);
  if (fs.existsSync(beside)) return beside;
  return path.resolve(__dirname, "..", "..", "..", "lib", "scripts", name);
}

/** The text of a script (or table-counts.sql), exactly as it will be mounted into the pod. */
export function readScript(name: ScriptName): string {
  return fs.readFileSync(scriptPath(name), "utf8");
}
