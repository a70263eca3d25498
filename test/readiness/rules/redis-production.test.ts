import { parseRedisMemory, redisProductionRule } from "../../../lib/readiness/rules/redis-production";
import { deployment, mainContainer, res, run, secureContainer, secureStack, tf } from "./support/fixtures";

describe("RS-REDIS-PRODUCTION", () => {
  it("passes Redis with requirepass, maxmemory + policy in its mounted ConfigMap, probes and limits", () => {
    const out = run(redisProductionRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_deployment_v1.redis"]);
  });

  it("reports missing auth and memory settings, naming the Redis resource", () => {
    const json = secureStack();
    mainContainer(res(json, "kubernetes_deployment_v1", "redis")).args = [];
    res(json, "kubernetes_config_map_v1", "redis").data["redis.conf"] = "appendonly no\n";
    const out = run(redisProductionRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-REDIS-PRODUCTION", address: "kubernetes_deployment_v1.redis" });
    expect(out.messages[0]).toContain('Redis kubernetes_deployment_v1.redis container "redis" is not production-ready');
    expect(out.messages[0]).toContain("no maxmemory");
    expect(out.messages[0]).toContain("no maxmemory-policy");
    // REDIS_PASSWORD from a Secret still counts as auth.
    expect(out.messages[0]).not.toContain("no authentication");
  });

  it("finds Redis by image, reads args, and reports maxmemory not below the memory limit and no auth", () => {
    const c = secureContainer("cache", {
      image: "redis:7.4.5-bookworm",
      port: [{ name: "redis", container_port: 6379 }],
      readiness_probe: { tcp_socket: { port: 6379 } },
      liveness_probe: { tcp_socket: { port: 6379 } },
      args: ["--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru"],
    });
    const out = run(redisProductionRule, tf({ kubernetes_deployment_v1: { cache: deployment("cache", { component: "kv", containers: [c] }) } }));
    expect(out.messages).toEqual([
      'Redis kubernetes_deployment_v1.cache container "cache" is not production-ready: no authentication (no requirepass/aclfile in args or mounted config, no REDIS_PASSWORD env from a Secret); maxmemory 512mb is not below resources.limits.memory 256Mi.',
    ]);
  });

  it("parses redis memory units", () => {
    expect(parseRedisMemory("200mb")).toBe(200 * 1024 * 1024);
    expect(parseRedisMemory("1g")).toBe(1e9);
    expect(parseRedisMemory("1024")).toBe(1024);
    expect(parseRedisMemory("lots")).toBeUndefined();
  });
});
