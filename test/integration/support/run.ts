import { spawn } from "child_process";
import { isRoot, whichSync } from "./availability";

/** Outcome of a finished child process. */
export interface RunResult {
  /** Exit code (null when killed by a signal). */
  readonly code: number | null;
  /** Captured stdout. */
  readonly stdout: string;
  /** Captured stderr. */
  readonly stderr: string;
}

/** Options for {@link run}. */
export interface RunOptions {
  /** Complete environment of the child (nothing is inherited). */
  readonly env?: Record<string, string>;
  /** Run as the `postgres` system user via runuser when this process is root. @default false */
  readonly asPostgres?: boolean;
  /** Kill the child after this many ms. @default 90000 */
  readonly timeoutMs?: number;
  /** Working directory. */
  readonly cwd?: string;
}

/** Run a command to completion, capturing output; never throws on non-zero exit. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  let file = cmd;
  let argv = args;
  const env = opts.env ?? { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  if (opts.asPostgres && isRoot()) {
    // runuser resets nothing we care about when the environment is passed explicitly through env(1).
    file = whichSync("runuser") ?? "/usr/sbin/runuser"; // absolute: the child env's PATH may not hold it
    argv = ["-u", "postgres", "--", "env", "-i", ...Object.entries(env).map(([k, v]) => `${k}=${v}`), cmd, ...args];
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { env, cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 90_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Like {@link run} but throws with the output when the exit code is not 0. */
export async function runOk(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return r;
}
