import { envHostTokens } from "../../../lib/readiness/dependencies";
import { netpolDependencyPathsRule } from "../../../lib/readiness/rules/netpol-dependency-paths";
import { labels, res, run, secureStack, type Json } from "./support/fixtures";

const RULE = "RS-NETPOL-DEPENDENCY-PATHS";

function policies(json: Json): Record<string, Json> {
  return json.resource.kubernetes_network_policy_v1;
}

describe(RULE, () => {
  it("passes the default-deny stack whose allows open every dependency path in both directions", () => {
    const out = run(netpolDependencyPathsRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(expect.arrayContaining([
      "kubernetes_deployment_v1.api",
      "kubernetes_job_v1.migrate",
      "kubernetes_cron_job_v1.backup",
      "kubernetes_network_policy_v1.api_egress",
      "kubernetes_network_policy_v1.jobs_egress",
      "kubernetes_network_policy_v1.postgres_ingress",
      "kubernetes_network_policy_v1.redis_ingress",
    ]));
  });

  it("reads hosts only from host-bearing env: an off-site prefix ending in /postgres is no Postgres dependency", () => {
    const json = secureStack();
    const verify = res(json, "kubernetes_cron_job_v1", "verify").spec.job_template.spec.template.spec.container[0];
    verify.env = [
      { name: "OFFSITE_BUCKET", value: "offgridflow-backups" },
      { name: "OFFSITE_PREFIX", value: "offgridflow/postgres" },
      { name: "OFFSITE_DOWNLOAD_DIR", value: "/tmp/offsite" },
      { name: "BACKUP_DIR", value: "/tmp/offsite" },
    ];
    const out = run(netpolDependencyPathsRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(expect.not.arrayContaining(["kubernetes_cron_job_v1.verify"]));
    // The same Service named where a host is expected is still a dependency the policies must open.
    verify.env.push({ name: "PGHOST", value: "postgres" });
    const needs = run(netpolDependencyPathsRule, json);
    expect(needs.findings.map((f) => f.address)).toEqual(["kubernetes_cron_job_v1.verify"]);
    expect(needs.messages[0]).toContain("kubernetes_cron_job_v1.verify needs Postgres (PGHOST=postgres → kubernetes_service_v1.postgres)");
  });

  it("takes host names from URLs, connection strings and host-named env, and nothing from other values", () => {
    expect(envHostTokens("OFFSITE_PREFIX", "offgridflow/postgres")).toEqual([]);
    expect(envHostTokens("GREETING", "hello redis")).toEqual([]);
    expect(envHostTokens("OFFSITE_ENDPOINT", "https://minio.storage.svc:9000/x")).toEqual(["minio.storage.svc", "9000"]);
    expect(envHostTokens("APP_DB", "postgres://app:postgres@db.shop:5432/postgres")).toEqual(["db.shop", "5432"]);
    expect(envHostTokens("DSN", "host=db port=5432 dbname=postgres")).toEqual(["db"]);
    expect(envHostTokens("CACHE_ADDR", "redis:6379")).toEqual(["redis", "6379"]);
    expect(envHostTokens("PGHOST", "postgres.shop.svc.cluster.local.")).toEqual(["postgres.shop.svc.cluster.local"]);
    expect(envHostTokens("DB_HOST", "postgres")).toEqual(["postgres"]);
  });

  it("is not fooled by coverage alone: without the Jobs' allows to Postgres the migration Job and the backup fail", () => {
    const json = secureStack();
    delete policies(json).jobs_egress;
    res(json, "kubernetes_network_policy_v1", "postgres_ingress").spec.ingress[0].from.splice(1, 1);
    const out = run(netpolDependencyPathsRule, json);
    expect(out.findings.map((f) => [f.ruleId, f.address])).toEqual([
      [RULE, "kubernetes_job_v1.migrate"],
      [RULE, "kubernetes_cron_job_v1.backup"],
    ]);
    expect(out.messages[0]).toBe(
      "kubernetes_job_v1.migrate needs Postgres (PGHOST=postgres.shop.svc.cluster.local → kubernetes_service_v1.postgres) but " +
        'NetworkPolicies block its traffic to kubernetes_stateful_set_v1.postgres on port 5432 ("postgres"): ' +
        "no egress rule of a policy selecting kubernetes_job_v1.migrate's pods allows it (egress restricted by kubernetes_network_policy_v1.deny); " +
        "no ingress rule of a policy selecting kubernetes_stateful_set_v1.postgres's pods allows it " +
        "(ingress restricted by kubernetes_network_policy_v1.deny, kubernetes_network_policy_v1.postgres_ingress).",
    );
    expect(out.evidence).toEqual(expect.not.arrayContaining(["kubernetes_job_v1.migrate"]));
  });

  it("reports the API's Redis path when only its api-to-redis allows are gone, one direction at a time", () => {
    const json = secureStack();
    delete policies(json).redis_ingress;
    let out = run(netpolDependencyPathsRule, json);
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_deployment_v1.api"]);
    expect(out.messages[0]).toContain("kubernetes_deployment_v1.api needs Redis (REDIS_URL=redis://redis.shop.svc.cluster.local:6379 → kubernetes_service_v1.redis)");
    expect(out.messages[0]).toContain("no ingress rule of a policy selecting kubernetes_deployment_v1.redis's pods allows it");
    expect(out.messages[0]).not.toContain("no egress rule");
    const fresh = secureStack();
    res(fresh, "kubernetes_network_policy_v1", "api_egress").spec.egress.splice(1, 1);
    out = run(netpolDependencyPathsRule, fresh);
    expect(out.messages).toEqual([expect.stringMatching(/needs Redis .* port 6379 \("redis"\): no egress rule of a policy selecting kubernetes_deployment_v1\.api's pods allows it/)]);
  });

  it("checks the port: a wrong number or name fails, an empty ports list or an absent `to`/`from` means all", () => {
    const json = secureStack();
    const egress = res(json, "kubernetes_network_policy_v1", "api_egress").spec.egress;
    egress[0].ports = [{ port: "5433", protocol: "TCP" }];
    egress[1].ports = [{ port: "http" }];
    expect(run(netpolDependencyPathsRule, json).findings).toHaveLength(2);
    egress[0].ports = [{ port: "5400", end_port: 5500 }];
    egress[1].ports = [{ port: "6379", protocol: "UDP" }];
    expect(run(netpolDependencyPathsRule, json).messages).toEqual([expect.stringContaining("needs Redis")]);
    egress[1].ports = [];
    expect(run(netpolDependencyPathsRule, json).findings).toEqual([]);
    egress[1] = { ports: [{ port: "redis" }] };
    expect(run(netpolDependencyPathsRule, json).findings).toEqual([]);
    delete res(json, "kubernetes_network_policy_v1", "redis_ingress").spec.ingress[0].from;
    expect(run(netpolDependencyPathsRule, json).findings).toEqual([]);
  });

  it("passes when no policy restricts the traffic, and when only a default deny of ingress restricts it, names that direction", () => {
    const json = secureStack();
    delete json.resource.kubernetes_network_policy_v1;
    const open = run(netpolDependencyPathsRule, json);
    expect(open.findings).toEqual([]);
    expect(open.evidence).toEqual(["kubernetes_deployment_v1.api", "kubernetes_job_v1.migrate", "kubernetes_cron_job_v1.backup"]);
    json.resource.kubernetes_network_policy_v1 = { deny: { metadata: { name: "deny-in", namespace: "shop" }, spec: { pod_selector: {}, policy_types: ["Ingress"] } } };
    const out = run(netpolDependencyPathsRule, json);
    expect(out.findings).toHaveLength(4);
    for (const m of out.messages) {
      expect(m).toContain("no ingress rule");
      expect(m).not.toContain("no egress rule");
    }
  });

  it("follows namespace selectors and pod selectors across namespaces, also in kubernetes_manifest policies", () => {
    const json = secureStack();
    // Redis moves to namespace "cache"; the API reaches it by its qualified host.
    const redis = res(json, "kubernetes_deployment_v1", "redis");
    redis.metadata.namespace = "cache";
    res(json, "kubernetes_service_v1", "redis").metadata.namespace = "cache";
    res(json, "kubernetes_network_policy_v1", "redis_ingress").metadata.namespace = "cache";
    mainEnv(json).find((e: Json) => e.name === "REDIS_URL")!.value = "redis://redis.cache.svc.cluster.local:6379";
    // A pod selector alone means the policy's own namespace: nothing of "shop" matches.
    let out = run(netpolDependencyPathsRule, json);
    expect(out.messages).toEqual([expect.stringContaining("needs Redis (REDIS_URL=redis://redis.cache.svc.cluster.local:6379 → kubernetes_service_v1.redis)")]);
    expect(out.messages[0]).toContain("no egress rule");
    expect(out.messages[0]).toContain("no ingress rule");
    const egressPeer = res(json, "kubernetes_network_policy_v1", "api_egress").spec.egress[1].to[0];
    egressPeer.namespace_selector = { match_labels: { "kubernetes.io/metadata.name": "cache" } };
    const ingressPeer = res(json, "kubernetes_network_policy_v1", "redis_ingress").spec.ingress[0].from[0];
    ingressPeer.namespace_selector = { match_labels: { team: "shop" } };
    json.resource.kubernetes_namespace_v1 = { shop: { metadata: { name: "shop", labels: { team: "shop" } } } };
    expect(run(netpolDependencyPathsRule, json).findings).toEqual([]);
    // The same ingress policy written as a kubernetes_manifest (camelCase).
    const manifestPolicy = {
      manifest: {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "redis-ingress", namespace: "cache" },
        spec: {
          podSelector: { matchLabels: labels("redis", "cache") },
          policyTypes: ["Ingress"],
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "shop" } }, podSelector: { matchLabels: labels("api", "api") } }], ports: [{ port: 6379, protocol: "TCP" }] }],
        },
      },
    };
    delete policies(json).redis_ingress;
    json.resource.kubernetes_manifest.redis_ingress = manifestPolicy;
    expect(run(netpolDependencyPathsRule, json).findings).toEqual([]);
    manifestPolicy.manifest.spec.ingress[0].ports[0].port = 6380;
    out = run(netpolDependencyPathsRule, json);
    expect(out.messages).toEqual([expect.stringContaining("(ingress restricted by kubernetes_manifest.redis_ingress)")]);
  });
});

function mainEnv(json: Json): Json[] {
  return res(json, "kubernetes_deployment_v1", "api").spec.template.spec.container[0].env;
}
