import * as fs from "fs";
import * as path from "path";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { ApiService, ApiServiceProps } from "../../../lib/api/api-service";
import { PostgresConnection } from "../../../lib/k8s/connections";
import { RedisCache } from "../../../lib/redis/redis-cache";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const IMAGE = "ghcr.io/example/shop-api:2.3.0";

interface Built {
  stack: TerraformStack;
  api: ApiService;
  json: Json;
  raw: Json;
}

function withDeps(stack: TerraformStack): Pick<ApiServiceProps, "database" | "redis"> {
  const dbSecret = new SecretV1(stack, "db-secret", { metadata: { name: "shop-db", namespace: "shop" }, data: { username: "app", password: "x" } });
  const database: PostgresConnection = {
    host: "postgres.shop.svc.cluster.local",
    port: 5432,
    database: "shop",
    usernameSecret: { name: dbSecret.metadata.name, key: "username" },
    passwordSecret: { name: dbSecret.metadata.name, key: "password" },
    clientImage: "postgres:17.6-bookworm",
    podSelector: { "app.kubernetes.io/name": "postgres" },
  };
  const redis = new RedisCache(stack, "redis", { namespace: "shop" });
  return { database, redis: redis.connection };
}

function build(props: Partial<ApiServiceProps> = {}, deps = false): Built {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const api = new ApiService(stack, "api", { namespace: "shop", image: IMAGE, ...(deps ? withDeps(stack) : {}), ...props });
  return { stack, api, json: JSON.parse(Testing.synth(stack)), raw: stack.toTerraform() };
}

function only<T>(block: Record<string, T> | undefined): T {
  const values = Object.values(block ?? {});
  expect(values).toHaveLength(1);
  return values[0];
}

const deployment = (json: Json) => only<Json>(json.resource.kubernetes_deployment_v1);
const container = (json: Json) => deployment(json).spec.template.spec.container[0];

describe("ApiService workload", () => {
  const { json, api } = build();
  const d = deployment(json);
  const pod = d.spec.template.spec;
  const c = pod.container[0];

  test("a change of the plain config rolls the pods: the template carries a hash of the ConfigMap data", () => {
    const configMapName = Object.keys(json.resource.kubernetes_config_map_v1)[0];
    expect(d.spec.template.metadata.annotations["readystack.io/config-sha256"]).toBe(
      `\${sha256(jsonencode(kubernetes_config_map_v1.${configMapName}.data))}`,
    );
    expect(api.configMap.data).toBeDefined();
  });

  test("no static replicas with the HPA; rolling update without unavailability", () => {
    expect(d.spec.replicas).toBeUndefined();
    expect(d.spec.strategy).toEqual({ type: "RollingUpdate", rolling_update: { max_unavailable: "0", max_surge: "25%" } });
  });

  test("HPA autoscaling/v2 targets the Deployment with defaults", () => {
    const hpa = only<Json>(json.resource.kubernetes_horizontal_pod_autoscaler_v2);
    expect(hpa.spec.min_replicas).toBe(2);
    expect(hpa.spec.max_replicas).toBe(10);
    expect(hpa.spec.scale_target_ref).toEqual({ api_version: "apps/v1", kind: "Deployment", name: expect.stringMatching(/^\$\{kubernetes_deployment_v1\..+\.metadata\[0\]\.name\}$/) });
    expect(hpa.spec.metric).toEqual([
      { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", average_utilization: 70 } } },
      { type: "Resource", resource: { name: "memory", target: { type: "Utilization", average_utilization: 80 } } },
    ]);
    expect(hpa.spec.behavior.scale_down[0].stabilization_window_seconds).toBe(300);
    expect(hpa.spec.behavior.scale_down[0].policy.length).toBeGreaterThan(0);
    expect(hpa.spec.behavior.scale_up[0].policy.length).toBeGreaterThan(0);
  });

  test("PDB and Service select exactly the pod labels", () => {
    const pdb = only<Json>(json.resource.kubernetes_pod_disruption_budget_v1);
    expect(pdb.spec.selector.match_labels).toEqual(api.podSelector);
    expect(pdb.spec.max_unavailable).toBe("1");
    const svc = only<Json>(json.resource.kubernetes_service_v1);
    expect(svc.spec.selector).toEqual(api.podSelector);
    expect(svc.spec.type).toBe("ClusterIP");
    expect(svc.spec.port).toEqual([{ name: "http", port: 80, target_port: "http", protocol: "TCP" }]);
    expect(d.spec.selector.match_labels).toEqual(api.podSelector);
    for (const [k, v] of Object.entries(api.podSelector)) expect(d.spec.template.metadata.labels[k]).toBe(v);
    expect(api.podSelector["app.kubernetes.io/component"]).toBe("api");
    expect(d.spec.template.metadata.labels["app.kubernetes.io/version"]).toBe("2.3.0");
  });

  test("probes on the named http port: readiness, liveness, startup 30 × 5 s", () => {
    expect(c.port).toEqual([{ name: "http", container_port: 8080, protocol: "TCP" }]);
    expect(c.readiness_probe.http_get).toEqual({ path: "/readyz", port: "http", scheme: "HTTP" });
    expect(c.liveness_probe.http_get).toEqual({ path: "/livez", port: "http", scheme: "HTTP" });
    expect(c.startup_probe.http_get.path).toBe("/livez");
    expect(c.startup_probe.failure_threshold).toBe(30);
    expect(c.startup_probe.period_seconds).toBe(5);
  });

  test("hardened pod and container, requests and limits, token not mounted", () => {
    expect(pod.automount_service_account_token).toBe(false);
    expect(only<Json>(json.resource.kubernetes_service_account_v1).automount_service_account_token).toBe(false);
    expect(pod.service_account_name).toMatch(/kubernetes_service_account_v1/);
    expect(pod.security_context).toMatchObject({ run_as_non_root: true, run_as_user: "10001", seccomp_profile: { type: "RuntimeDefault" } });
    expect(c.security_context).toMatchObject({
      run_as_non_root: true,
      run_as_user: "10001",
      read_only_root_filesystem: true,
      allow_privilege_escalation: false,
      privileged: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(c.resources).toEqual({ requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } });
    expect(c.volume_mount).toEqual([{ name: "tmp", mount_path: "/tmp" }]);
    expect(pod.volume).toEqual([{ name: "tmp", empty_dir: { size_limit: "256Mi" } }]);
    expect(pod.init_container).toBeUndefined();
  });

  test("topology spread over zones and nodes, never blocking scheduling", () => {
    expect(pod.topology_spread_constraint.map((t: Json) => t.topology_key)).toEqual(["topology.kubernetes.io/zone", "kubernetes.io/hostname"]);
    for (const t of pod.topology_spread_constraint) {
      expect(t.when_unsatisfiable).toBe("ScheduleAnyway");
      expect(t.max_skew).toBe(1);
      expect(t.label_selector).toEqual([{ match_labels: api.podSelector }]);
    }
  });

  test("plain config lives in a ConfigMap referenced key by key", () => {
    const cm = only<Json>(json.resource.kubernetes_config_map_v1);
    expect(cm.data).toEqual({ LOG_FORMAT: "json", LOG_LEVEL: "info", PORT: "8080" });
    expect(c.env).toEqual(
      ["LOG_FORMAT", "LOG_LEVEL", "PORT"].map((name) => ({
        name,
        value_from: { config_map_key_ref: { name: expect.stringMatching(/kubernetes_config_map_v1/), key: name } },
      })),
    );
  });
});

describe("ApiService with database and Redis", () => {
  const { json, api, raw } = build({ env: { CURRENCY: "EUR" }, secretEnv: { STRIPE_KEY: { name: "stripe", key: "api-key" } }, envDescriptions: { CURRENCY: "ISO currency code." } }, true);
  const c = container(json);
  const names: string[] = c.env.map((e: Json) => e.name);

  test("env order: plain, then Secret refs, then composed URLs (Kubernetes expands only earlier vars)", () => {
    expect(names).toEqual([
      "LOG_FORMAT", "LOG_LEVEL", "PORT", "PGHOST", "PGPORT", "PGDATABASE", "CURRENCY",
      "DB_USER", "DB_PASSWORD", "REDIS_PASSWORD", "STRIPE_KEY",
      "DATABASE_URL", "REDIS_URL",
    ]);
    const byName = Object.fromEntries(c.env.map((e: Json) => [e.name, e]));
    expect(byName.DATABASE_URL.value).toBe("postgresql://$(DB_USER):$(DB_PASSWORD)@postgres.shop.svc.cluster.local:5432/shop");
    expect(byName.REDIS_URL.value).toBe("redis://:$(REDIS_PASSWORD)@redis.shop.svc.cluster.local:6379/0");
    // every $(VAR) refers to a variable defined earlier
    for (const [i, e] of c.env.entries()) {
      for (const m of String(e.value ?? "").matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
        expect(names.slice(0, i)).toContain(m[1]);
      }
    }
    expect(byName.DB_PASSWORD.value_from.secret_key_ref).toEqual({ name: expect.stringMatching(/^\$\{kubernetes_secret_v1\.db-secret/), key: "password" });
    expect(byName.REDIS_PASSWORD.value_from.secret_key_ref.key).toBe("password");
    expect(byName.STRIPE_KEY.value_from.secret_key_ref).toEqual({ name: "stripe", key: "api-key" });
    // no plain values except the composed ones
    for (const e of c.env) if (e.value !== undefined) expect(["DATABASE_URL", "REDIS_URL"]).toContain(e.name);
    const cm = Object.values<Json>(json.resource.kubernetes_config_map_v1).find((m) => m.metadata.name === "api-config");
    expect(cm.data).toMatchObject({ PGHOST: "postgres.shop.svc.cluster.local", PGPORT: "5432", PGDATABASE: "shop", CURRENCY: "EUR" });
  });

  test("init containers wait for Postgres and Redis, with resources and security contexts", () => {
    const init = deployment(json).spec.template.spec.init_container;
    expect(init.map((i: Json) => i.name)).toEqual(["wait-for-postgres", "wait-for-redis"]);
    const [pg, redis] = init;
    expect(pg.image).toBe("postgres:17.6-bookworm");
    expect(pg.command[2]).toMatch(/pg_isready/);
    expect(pg.command[2]).toMatch(/timeout "\$WAIT_TIMEOUT_SECONDS"/);
    expect(redis.command[2]).toMatch(/redis-cli .* ping/);
    expect(redis.env.find((e: Json) => e.name === "REDISCLI_AUTH").value_from.secret_key_ref.key).toBe("password");
    for (const i of init) {
      expect(i.resources.requests).toBeDefined();
      expect(i.resources.limits).toBeDefined();
      expect(i.security_context).toMatchObject({ run_as_non_root: true, read_only_root_filesystem: true, capabilities: { drop: ["ALL"] } });
      expect(i.command[2]).not.toMatch(/\$\((?!\()/); // no $(...) Kubernetes would try to expand
    }
  });

  test("envDocs cover every container variable, secrets without values; recorded in metadata", () => {
    expect(api.envDocs.map((d) => d.name)).toEqual(names);
    for (const d of api.envDocs) {
      const secret = ["DB_USER", "DB_PASSWORD", "REDIS_PASSWORD", "STRIPE_KEY", "DATABASE_URL", "REDIS_URL"].includes(d.name);
      expect(d.secret).toBe(secret);
      if (secret) expect(d.example).toBeUndefined();
    }
    expect(api.envDocs.find((d) => d.name === "CURRENCY")?.description).toBe("ISO currency code.");
    const meta = deployment(raw)["//"].readystack;
    expect(meta.component).toBe("api");
    expect(meta.envExample.map((d: Json) => d.name)).toEqual(names);
  });
});

describe("ApiService .env.example", () => {
  test("written beside cdk.tf.json by the real synthesizer; every name, no secret values", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new KubernetesProvider(stack, "kubernetes", {});
    new RandomProvider(stack, "random");
    const deps = withDeps(stack);
    const api = new ApiService(stack, "api", { namespace: "shop", image: IMAGE, ...deps, secretEnv: { STRIPE_KEY: { name: "stripe", key: "api-key" } } });
    new ApiService(stack, "worker", { namespace: "shop", image: IMAGE, name: "worker" });
    const outdir = Testing.fullSynth(stack);
    const dir = path.join(outdir, "stacks", "test");
    expect(fs.existsSync(path.join(dir, "cdk.tf.json"))).toBe(true);
    const text = fs.readFileSync(path.join(dir, ".env.example"), "utf8");
    for (const d of api.envDocs) expect(text).toMatch(new RegExp(`^${d.name}=`, "m"));
    expect(text).toMatch(/^DB_PASSWORD=$/m);
    expect(text).toMatch(/^DATABASE_URL=$/m);
    expect(text).toMatch(/^REDIS_PASSWORD=$/m);
    expect(text).toMatch(/^STRIPE_KEY=$/m);
    expect(text).toMatch(/^# secret: from Secret stripe\/api-key$/m);
    // Terraform references to a Secret's name are shown as the literal name from that resource's config.
    expect(text).toMatch(/^# secret: from Secret shop-db\/password$/m);
    expect(text).toMatch(/^# secret: from Secret redis-auth\/password$/m);
    expect(text).toMatch(/^LOG_FORMAT=json$/m);
    expect(text).toMatch(/^PGHOST=postgres\.shop\.svc\.cluster\.local$/m);
    expect(text).not.toMatch(/TfToken|\$\{/);
    expect(fs.existsSync(path.join(dir, "worker.env.example"))).toBe(true);
  });
});

describe("ApiService options", () => {
  test("autoscaling off: fixed replicas (default 2), no HPA", () => {
    const { json, api } = build({ autoscaling: false });
    expect(deployment(json).spec.replicas).toBe("2");
    expect(json.resource.kubernetes_horizontal_pod_autoscaler_v2).toBeUndefined();
    expect(api.hpa).toBeUndefined();
    expect(deployment(build({ autoscaling: false, replicas: 3 }).json).spec.replicas).toBe("3");
  });

  test("autoscaling settings, ports, paths and name pass through", () => {
    const { json } = build({
      name: "shop-api",
      port: 9000,
      servicePort: 8080,
      readinessPath: "/ready",
      livenessPath: "/health",
      logLevel: "debug",
      autoscaling: { minReplicas: 3, maxReplicas: 20, cpuUtilization: 60, memoryUtilization: 75, scaleDownStabilizationSeconds: 600 },
    });
    const hpa = only<Json>(json.resource.kubernetes_horizontal_pod_autoscaler_v2);
    expect(hpa.spec).toMatchObject({ min_replicas: 3, max_replicas: 20 });
    expect(hpa.spec.metric.map((m: Json) => m.resource.target.average_utilization)).toEqual([60, 75]);
    expect(hpa.spec.behavior.scale_down[0].stabilization_window_seconds).toBe(600);
    const c = container(json);
    expect(c.name).toBe("shop-api");
    expect(c.port[0].container_port).toBe(9000);
    expect(c.readiness_probe.http_get.path).toBe("/ready");
    expect(c.startup_probe.http_get.path).toBe("/health");
    expect(only<Json>(json.resource.kubernetes_service_v1).spec.port[0].port).toBe(8080);
    expect(only<Json>(json.resource.kubernetes_config_map_v1).data).toMatchObject({ PORT: "9000", LOG_LEVEL: "debug" });
  });

  test("waitFor becomes the Deployment's depends_on", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    const job = new SecretV1(stack, "job-stand-in", { metadata: { name: "x", namespace: "shop" } });
    new ApiService(stack, "api", { namespace: "shop", image: IMAGE, waitFor: [job] });
    const d = deployment(JSON.parse(Testing.synth(stack)));
    expect(d.depends_on).toEqual([expect.stringMatching(/^kubernetes_secret_v1\.job-stand-in/)]);
  });
});

describe("ApiService bad props", () => {
  test.each<[Partial<ApiServiceProps>, RegExp]>([
    [{ image: "shop-api" }, /test\/api: invalid image "shop-api"/],
    [{ port: 80 }, /invalid port 80; expected a whole number from 1024 to 65535/],
    [{ replicas: 3 }, /invalid replicas 3; expected no replicas while autoscaling is on/],
    [{ autoscaling: { minReplicas: 5, maxReplicas: 3 } }, /invalid autoscaling.maxReplicas 3; expected a whole number >= autoscaling.minReplicas \(5\)/],
    [{ autoscaling: { cpuUtilization: 0 } }, /invalid autoscaling.cpuUtilization 0/],
    [{ logLevel: "trace" as never }, /invalid logLevel "trace"; expected one of "debug", "info", "warn", "error"/],
    [{ readinessPath: "readyz" }, /invalid readinessPath "readyz"/],
    [{ env: { "bad-name": "x" } }, /invalid env "bad-name"; expected an environment variable name/],
    [{ env: { DB_PASSWORD_HINT: "x" } }, /invalid env "DB_PASSWORD_HINT"; expected a non-secret name.*secretEnv/],
    [{ env: { STRIPE_API_KEY: "x" } }, /invalid env "STRIPE_API_KEY".*secretEnv/],
    [{ env: { GCP_CREDENTIALS: "x" } }, /invalid env "GCP_CREDENTIALS".*secretEnv/],
    [{ env: { PORT: "1" } }, /invalid env "PORT"; expected a name not managed by ApiService/],
    [{ secretEnv: { LOG_LEVEL: { name: "s", key: "k" } } }, /invalid secretEnv "LOG_LEVEL"; expected a name not managed/],
    [{ env: { A: "1" }, secretEnv: { A: { name: "s", key: "k" } } }, /invalid secretEnv "A"; expected a name not also given in env/],
    [{ secretEnv: { A: { name: "s", key: "bad key" } } }, /invalid secretEnv.A.key "bad key"/],
    [{ secretEnv: { A: { name: "Stripe_Creds", key: "k" } } }, /invalid secretEnv.A.name "Stripe_Creds"; expected a Secret name/],
    [{ envDescriptions: { NOPE: "x" } }, /invalid envDescriptions "NOPE"/],
    [{ resources: { cpuRequest: "2" } }, /invalid resources.cpuRequest "2"; expected a CPU request at most the CPU limit "1"/],
    [{ name: "API" }, /invalid name "API"/],
  ])("rejects bad props (case %#)", (props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test("collision with database-managed names only when a database is given", () => {
    expect(() => build({ secretEnv: { DATABASE_URL: { name: "external-db", key: "url" } } })).not.toThrow();
    expect(() => build({ secretEnv: { DATABASE_URL: { name: "external-db", key: "url" } } }, true)).toThrow(/invalid secretEnv "DATABASE_URL"; expected a name not managed/);
  });
});
