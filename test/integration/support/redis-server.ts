import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { freePort } from "./free-port";
import { run, RunResult } from "./run";

/** A throwaway redis-server started from a rendered redis.conf. */
export interface RedisServer {
  /** Always 127.0.0.1. */
  readonly host: string;
  /** The TCP port it listens on. */
  readonly port: number;
  /** The password given with --requirepass. */
  readonly password: string;
  /** Working directory (config file, AOF). */
  readonly dir: string;
  /** redis-cli against this server; `auth` false sends no password. */
  cli(args: string[], auth?: boolean): Promise<RunResult>;
  /** INFO <section> parsed into key/value pairs. */
  info(section: string): Promise<Record<string, string>>;
  /** Stop the server and delete its directory. */
  stop(): Promise<void>;
}

/**
 * Start `redis-server <dir>/redis.conf --requirepass <pw>` the way the container does, plus
 * `--bind 127.0.0.1` so the test server is reachable on loopback only. `render` gets the chosen port
 * and working directory and returns the redis.conf text.
 */
export async function startRedis(render: (port: number, dir: string) => string): Promise<RedisServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-redis-"));
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const conf = path.join(dir, "redis.conf");
  fs.writeFileSync(conf, render(port, dir));
  let log = "";
  const child: ChildProcess = spawn("redis-server", [conf, "--requirepass", password, "--bind", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (log += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (log += d));
  let exited = false;
  child.on("exit", () => (exited = true));

  const cli = (args: string[], auth = true): Promise<RunResult> =>
    run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...(auth ? ["--no-auth-warning", "-a", password] : []), ...args], {
      timeoutMs: 30_000,
    });

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`redis-server exited during startup:\n${log}`);
    const r = await cli(["PING"]);
    if (r.code === 0 && r.stdout.trim() === "PONG") break;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING within 30 s:\n${log}`);
    await new Promise((res) => setTimeout(res, 100));
  }

  return {
    host: "127.0.0.1",
    port,
    password,
    dir,
    cli,
    info: async (section: string) => {
      const r = await cli(["INFO", section]);
      const out: Record<string, string> = {};
      for (const line of r.stdout.split(/\r?\n/)) {
        const i = line.indexOf(":");
        if (i > 0 && !line.startsWith("#")) out[line.slice(0, i)] = line.slice(i + 1).trim();
      }
      return out;
    },
    stop: async () => {
      if (!exited) {
        const gone = new Promise((res) => child.once("exit", res));
        child.kill("SIGTERM");
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([gone, new Promise((res) => (timer = setTimeout(res, 10_000)))]);
        clearTimeout(timer);
        if (!exited) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
