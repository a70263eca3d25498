/**
 * Real Redis started from the very redis.conf text the RedisCache construct deploys (renderRedisConfig),
 * with the password on the command line as the container passes it.
 */
import { renderRedisConfig } from "../../lib/redis/redis-config";
import { handleUnavailable, redisAvailability } from "./support/availability";
import { RedisServer, startRedis } from "./support/redis-server";
import { run } from "./support/run";

jest.setTimeout(120_000);

const availability = redisAvailability();
const servers: RedisServer[] = [];

beforeAll(() => {
  handleUnavailable("Redis", availability);
}, 120_000);

afterAll(async () => {
  for (const s of servers.splice(0)) await s.stop();
}, 120_000);

async function start(maxmemory: string, maxmemoryPolicy: string, appendonly: boolean): Promise<RedisServer> {
  const s = await startRedis((port, dir) => renderRedisConfig({ port, maxmemory, maxmemoryPolicy, appendonly, dir }));
  servers.push(s);
  return s;
}

describe("Redis with the rendered redis.conf", () => {
  test("9: commands without the password are refused (NOAUTH), with it they work; the config took effect", async () => {
    if (!availability.ok) return;
    const s = await start("64Mi", "allkeys-lru", true);
    const anon = await s.cli(["SET", "k", "v"], false);
    expect(anon.stdout + anon.stderr).toMatch(/NOAUTH Authentication required/);
    const anonGet = await s.cli(["GET", "k"], false);
    expect(anonGet.stdout + anonGet.stderr).toMatch(/NOAUTH/);

    const wrong = await run("redis-cli", ["-h", "127.0.0.1", "-p", String(s.port), "--no-auth-warning", "-a", "not-the-password", "PING"]);
    expect(wrong.stdout + wrong.stderr).toMatch(/WRONGPASS|invalid username-password|NOAUTH/);

    expect((await s.cli(["SET", "k", "v"])).stdout.trim()).toBe("OK");
    expect((await s.cli(["GET", "k"])).stdout.trim()).toBe("v");
    const mem = await s.cli(["CONFIG", "GET", "maxmemory"]);
    expect(mem.stdout.trim().split("\n")).toEqual(["maxmemory", String(64 * 1024 * 1024)]);
    const policy = await s.cli(["CONFIG", "GET", "maxmemory-policy"]);
    expect(policy.stdout.trim().split("\n")[1]).toBe("allkeys-lru");
    const aof = await s.cli(["CONFIG", "GET", "appendonly"]);
    expect(aof.stdout.trim().split("\n")[1]).toBe("yes");
    const debug = await s.cli(["DEBUG", "SLEEP", "0"]);
    expect(debug.stdout + debug.stderr).toMatch(/DEBUG command not allowed|ERR/);
  });

  test("10: under a bounded SET load beyond maxmemory it keeps answering, stays within maxmemory and evicts", async () => {
    if (!availability.ok) return;
    const maxBytes = 8 * 1024 * 1024;
    const s = await start("8Mi", "allkeys-lru", false);
    const requests = 20_000;
    const bench = await run(
      "redis-benchmark",
      ["-h", "127.0.0.1", "-p", String(s.port), "-a", s.password, "-t", "set", "-n", String(requests), "-d", "4096", "-r", "100000", "-q"],
      { timeoutMs: 90_000 },
    );
    expect(bench.code).toBe(0);
    const throughput = /SET: ([\d.]+) requests per second/.exec(bench.stdout.replace(/\r/g, "\n"));
    expect(throughput).not.toBeNull();
    console.log(`redis-benchmark SET 4 KiB x ${requests} against maxmemory 8Mi: ${(throughput as RegExpExecArray)[1]} requests/s`);

    expect((await s.cli(["PING"])).stdout.trim()).toBe("PONG");
    const memory = await s.info("memory");
    const stats = await s.info("stats");
    const used = Number(memory.used_memory);
    const evicted = Number(stats.evicted_keys);
    const dbsize = Number((await s.cli(["DBSIZE"])).stdout.trim());
    console.log(`after load: used_memory=${used} (maxmemory ${maxBytes}), evicted_keys=${evicted}, dbsize=${dbsize}`);
    expect(used).toBeLessThanOrEqual(maxBytes + 2 * 1024 * 1024);
    expect(evicted).toBeGreaterThan(0);
    // ~18 000 distinct keys were written (20 000 random draws from 100 000); 8 MiB holds < 2 048 values of 4 KiB.
    expect(dbsize).toBeGreaterThan(0);
    expect(dbsize).toBeLessThan(maxBytes / 4096);
  });
});
