import { startupOrderRule } from "../../../lib/readiness/rules/startup-order";
import { mainContainer, res, run, secureInitContainer, secureStack, type Json } from "./support/fixtures";

function initContainers(json: Json): Json[] {
  return res(json, "kubernetes_deployment_v1", "api").spec.template.spec.init_container;
}

const PG_DEP = "depends on Postgres (PGHOST=postgres → kubernetes_service_v1.postgres)";
const REDIS_DEP = "depends on Redis (REDIS_URL=redis://redis.shop.svc.cluster.local:6379 → kubernetes_service_v1.redis)";

describe("RS-STARTUP-ORDER", () => {
  it("passes an API whose init containers wait for Postgres (pg_isready) and for Redis (redis-cli)", () => {
    const out = run(startupOrderRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_deployment_v1.api"]);
  });

  it("reports each dependency nothing waits for, naming the workload, the container and the dependency", () => {
    const json = secureStack();
    delete res(json, "kubernetes_deployment_v1", "api").spec.template.spec.init_container;
    const out = run(startupOrderRule, json);
    expect(out.findings.map((f) => [f.ruleId, f.address])).toEqual([
      ["RS-STARTUP-ORDER", "kubernetes_deployment_v1.api"],
      ["RS-STARTUP-ORDER", "kubernetes_deployment_v1.api"],
    ]);
    expect(out.messages[0]).toBe(
      `kubernetes_deployment_v1.api container "api" ${PG_DEP} but nothing waits for it: no init container runs pg_isready/psql ` +
        "or names its host (postgres.shop), and no startupProbe checks it.",
    );
    expect(out.messages[1]).toContain(`kubernetes_deployment_v1.api container "api" ${REDIS_DEP} but nothing waits for it`);
    expect(out.evidence).toEqual([]);
  });

  it("is not fooled by waiting for Postgres only: removing the wait-for-redis init container fails on Redis", () => {
    const json = secureStack();
    initContainers(json).splice(1, 1);
    const out = run(startupOrderRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-STARTUP-ORDER", address: "kubernetes_deployment_v1.api" });
    expect(out.messages[0]).toContain(REDIS_DEP);
    expect(out.messages[0]).toContain("no init container runs redis-cli");
  });

  it("is not fooled by an init container called `wait` that runs `true`, nor by bare sleep/wait/ping", () => {
    for (const init of [
      [{ name: "wait", command: ["true"] }],
      [secureInitContainer("wait-for-deps", { image: "busybox:1.37", command: ["sh", "-c", "sleep 30; wait; ping -c 1 10.0.0.1 || until false; do sleep 1; done"] })],
    ]) {
      const json = secureStack();
      res(json, "kubernetes_deployment_v1", "api").spec.template.spec.init_container = init;
      const out = run(startupOrderRule, json);
      expect(out.messages.map((m) => m.slice(0, m.indexOf(" but ")))).toEqual([
        `kubernetes_deployment_v1.api container "api" ${PG_DEP}`,
        `kubernetes_deployment_v1.api container "api" ${REDIS_DEP}`,
      ]);
    }
  });

  it("accepts a wait that names the dependency's host: in the command, through the init container's env, or by an entrypoint's env", () => {
    const json = secureStack();
    res(json, "kubernetes_deployment_v1", "api").spec.template.spec.init_container = [
      secureInitContainer("wait-db", { image: "busybox:1.37", command: ["sh", "-c", "until nc -z postgres.shop.svc 5432; do sleep 2; done"] }),
      secureInitContainer("wait-cache", {
        image: "busybox:1.37",
        command: ["sh", "-c", "until nc -z $(CACHE_HOST) 6379; do sleep 2; done"],
        env: [{ name: "CACHE_HOST", value: "redis.shop.svc.cluster.local" }],
      }),
    ];
    expect(run(startupOrderRule, json).findings).toEqual([]);
    // The same command with the env naming nothing waits for nothing.
    initContainers(json)[1].env = [{ name: "CACHE_HOST", value: "10.0.0.7" }];
    expect(run(startupOrderRule, json).messages).toEqual([expect.stringContaining(REDIS_DEP)]);
    // No command: the image's entrypoint waits for what its env names.
    initContainers(json)[1] = secureInitContainer("wait-cache", { image: "ghcr.io/acme/wait-for:1.0.0", env: [{ name: "TARGET", value: "redis:6379" }] });
    expect(run(startupOrderRule, json).findings).toEqual([]);
  });

  it("recognises a dependency by a Service host in any env value, redacts credentials, and accepts only a startup probe that checks it", () => {
    const json = secureStack();
    const api = res(json, "kubernetes_deployment_v1", "api");
    initContainers(json).splice(1, 1);
    mainContainer(api).env = [{ name: "CACHE", value: "redis://user:hunter2@redis.shop.svc:6379/0" }];
    const out = run(startupOrderRule, json);
    expect(out.messages).toHaveLength(1);
    expect(out.messages[0]).toContain("depends on Redis (CACHE=redis://***@redis.shop.svc:6379/0 → kubernetes_service_v1.redis)");
    expect(out.messages[0]).not.toContain("hunter2");
    // An HTTP startup probe of the API's own endpoint says nothing about Redis.
    mainContainer(api).startup_probe = { http_get: { path: "/ready", port: "http" }, failure_threshold: 30 };
    expect(run(startupOrderRule, json).findings).toHaveLength(1);
    mainContainer(api).startup_probe = { exec: { command: ["redis-cli", "-h", "redis", "ping"] }, failure_threshold: 30 };
    expect(run(startupOrderRule, json).findings).toEqual([]);
  });

  it("reads a host from the ConfigMap an env entry references, and does not count a MySQL URL as Postgres", () => {
    const json = secureStack();
    json.resource.kubernetes_config_map_v1.api = { metadata: { name: "api", namespace: "shop" }, data: { PGHOST: "postgres.shop.svc.cluster.local" } };
    const api = res(json, "kubernetes_deployment_v1", "api");
    delete api.spec.template.spec.init_container;
    mainContainer(api).env = [
      { name: "PGHOST", value_from: { config_map_key_ref: { name: "${kubernetes_config_map_v1.api.metadata[0].name}", key: "PGHOST" } } },
      { name: "DATABASE_URL", value: "mysql://app@mysql.shop.svc:3306/app" },
    ];
    expect(run(startupOrderRule, json).messages).toEqual([
      expect.stringContaining("depends on Postgres (PGHOST=postgres.shop.svc.cluster.local → kubernetes_service_v1.postgres)"),
    ]);
  });
});
