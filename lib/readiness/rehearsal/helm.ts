/** Finding the Helm binary: an explicit path, then READYSTACK_HELM, then `helm` on PATH. */
import { execFileSync } from "child_process";
import { accessSync, constants, statSync } from "fs";
import { delimiter, join } from "path";

/** A Helm binary that answered `helm version`. */
export interface HelmBinary {
  /** Path of the binary. */
  readonly path: string;
  /** `helm version --short`, e.g. `v4.1.4+g05fa379`. */
  readonly version: string;
}

/** Why no Helm binary is usable. */
export interface HelmMissing {
  /** A sentence naming where it looked. */
  readonly reason: string;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `helm` (or `helm.exe`) in the directories of a PATH value. */
function onPath(pathValue: string | undefined): string | undefined {
  for (const dir of (pathValue ?? "").split(delimiter)) {
    if (dir === "") continue;
    for (const name of ["helm", "helm.exe"]) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The version a Helm binary reports, or an error sentence. */
function versionOf(path: string, timeoutMs: number): string | { error: string } {
  try {
    const out = execFileSync(path, ["version", "--short"], { encoding: "utf8", timeout: timeoutMs, stdio: ["ignore", "pipe", "pipe"] });
    const line = out.trim().split("\n")[0]?.trim() ?? "";
    return line === "" ? { error: "printed no version" } : line;
  } catch (error) {
    return { error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}

/**
 * Find Helm: `explicit` (a render option) first, then `env.READYSTACK_HELM`, then `helm` on `env.PATH`.
 * An explicit or READYSTACK_HELM path that does not run is reported, never silently replaced by another binary.
 */
export function findHelm(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs: number,
): HelmBinary | HelmMissing {
  const chosen =
    explicit !== undefined && explicit !== ""
      ? { path: explicit, from: "the helm option" }
      : env.READYSTACK_HELM !== undefined && env.READYSTACK_HELM !== ""
        ? { path: env.READYSTACK_HELM, from: "READYSTACK_HELM" }
        : undefined;
  if (chosen) {
    if (!isExecutable(chosen.path)) return { reason: `Helm binary ${chosen.path} (from ${chosen.from}) is not an executable file` };
    const version = versionOf(chosen.path, timeoutMs);
    if (typeof version !== "string") return { reason: `Helm binary ${chosen.path} (from ${chosen.from}) failed: ${version.error}` };
    return { path: chosen.path, version };
  }
  const found = onPath(env.PATH);
  if (found === undefined) return { reason: "no Helm binary: READYSTACK_HELM is unset and there is no helm on PATH" };
  const version = versionOf(found, timeoutMs);
  if (typeof version !== "string") return { reason: `Helm binary ${found} (on PATH) failed: ${version.error}` };
  return { path: found, version };
}

/** Whether a lookup found a binary. */
export function isHelmBinary(value: HelmBinary | HelmMissing): value is HelmBinary {
  return (value as HelmBinary).path !== undefined;
}
