/**
 * Hand-written Terraform JSON for rule tests: small builders (snake_case, as cdktf writes it) and one
 * production-ready stack that passes every built-in rule, for tests to break one thing at a time.
 */
import { createRuleContext } from "../../../../lib/readiness/context";
import { runReadiness } from "../../../../lib/readiness/engine";
import type { ReportedFinding } from "../../../../lib/readiness/result";
import type { Rule, TerraformJson } from "../../../../lib/readiness/types";

/** A JSON object. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const NS = "shop";

/** A container that satisfies every container-level rule. */
export function secureContainer(name = "app", overrides: Json = {}): Json {
  return {
    name,
    image: "ghcr.io/acme/app:1.2.3",
    port: [{ name: "http", container_port: 8080 }],
    readiness_probe: { http_get: { path: "/ready", port: "http" }, period_seconds: 10 },
    liveness_probe: { http_get: { path: "/live", port: "http" }, period_seconds: 10 },
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
    security_context: {
      run_as_non_root: true,
      run_as_user: "1000",
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      capabilities: { drop: ["ALL"] },
      seccomp_profile: { type: "RuntimeDefault" },
    },
    ...overrides,
  };
}

/** A secure init container (no probes, no ports). */
export function secureInitContainer(name = "init", overrides: Json = {}): Json {
  const c = secureContainer(name, overrides);
  delete c.readiness_probe;
  delete c.liveness_probe;
  delete c.port;
  return { ...c, ...overrides };
}

/** `//` metadata block: construct path and readystack facts. */
export function meta(path: string, readystack: Json = {}): Json {
  return { "//": { metadata: { path: `test/${path}`, uniqueId: path }, readystack } };
}

/** Labels of a component. */
export function labels(name: string, component: string): Record<string, string> {
  return {
    "app.kubernetes.io/name": name,
    "app.kubernetes.io/instance": `shop-${name}`,
    "app.kubernetes.io/component": component,
  };
}

/** A Deployment body (kubernetes_deployment_v1). */
export function deployment(name: string, opts: { component?: string; containers?: Json[]; initContainers?: Json[]; namespace?: string; extraSpec?: Json; extraPodSpec?: Json; readystack?: Json; extra?: Json } = {}): Json {
  const l = labels(name, opts.component ?? name);
  return {
    ...meta(name, opts.readystack),
    metadata: { name, namespace: opts.namespace ?? NS, labels: l },
    spec: {
      selector: { match_labels: l },
      template: {
        metadata: { labels: l },
        spec: {
          automount_service_account_token: false,
          security_context: { run_as_non_root: true, run_as_user: "1000", fs_group: "1000" },
          container: opts.containers ?? [secureContainer(name)],
          ...(opts.initContainers ? { init_container: opts.initContainers } : {}),
          ...(opts.extraPodSpec ?? {}),
        },
      },
      ...(opts.extraSpec ?? {}),
    },
    ...(opts.extra ?? {}),
  };
}

/** A CronJob body (kubernetes_cron_job_v1). */
export function cronJob(name: string, component: string, containers: Json[], extraSpec: Json = {}, initContainers: Json[] = []): Json {
  const l = labels(name, component);
  return {
    ...meta(name),
    metadata: { name, namespace: NS, labels: l },
    spec: {
      schedule: "0 3 * * *",
      concurrency_policy: "Forbid",
      starting_deadline_seconds: 300,
      job_template: {
        metadata: { labels: l },
        spec: {
          active_deadline_seconds: 3600,
          backoff_limit: 1,
          template: {
            metadata: { labels: l },
            spec: {
              restart_policy: "Never",
              automount_service_account_token: false,
              ...(initContainers.length > 0 ? { init_container: initContainers } : {}),
              container: containers,
            },
          },
        },
      },
      ...extraSpec,
    },
  };
}

/** A Service body. */
export function service(name: string, component: string, ports: Json[]): Json {
  return {
    ...meta(`${name}-svc`),
    metadata: { name, namespace: NS, labels: labels(name, component) },
    spec: { selector: labels(name, component), port: ports },
  };
}

/** A Service body made headless (cluster_ip None), as a StatefulSet's governing Service. */
export function headless(body: Json): Json {
  return { ...body, spec: { ...body.spec, cluster_ip: "None" } };
}

/** Build a Terraform JSON document from `type → name → body`. */
export function tf(resources: Record<string, Record<string, Json>>, terraform?: Json): TerraformJson {
  return { ...(terraform ? { terraform } : {}), resource: resources } as TerraformJson;
}

/** A stack that satisfies every built-in rule (namespace "shop"). Fresh object on every call. */
export function secureStack(): Json {
  const api = deployment("api", {
    component: "api",
    readystack: {
      component: "api",
      envExample: [
        { name: "LOG_FORMAT", secret: false, description: "Log line format" },
        { name: "PGHOST", secret: false, description: "Postgres host" },
        { name: "PGPASSWORD", secret: true, description: "Postgres password" },
        { name: "REDIS_URL", secret: false, description: "Redis URL" },
      ],
    },
    containers: [
      secureContainer("api", {
        env: [
          { name: "LOG_FORMAT", value: "json" },
          { name: "PGHOST", value: "${kubernetes_service_v1.postgres.metadata[0].name}" },
          { name: "PGPASSWORD", value_from: { secret_key_ref: { name: "${kubernetes_secret_v1.db.metadata[0].name}", key: "password" } } },
          { name: "REDIS_URL", value: "redis://redis.shop.svc.cluster.local:6379" },
        ],
      }),
    ],
    initContainers: [
      secureInitContainer("wait-for-postgres", { image: "postgres:17.6-bookworm", command: ["sh", "-c", "until pg_isready -h $PGHOST; do sleep 2; done"] }),
      secureInitContainer("wait-for-redis", { image: "redis:7.4.5-bookworm", command: ["sh", "-c", "until redis-cli -h redis ping; do sleep 2; done"] }),
    ],
    extra: { depends_on: ["kubernetes_job_v1.migrate"] },
  });
  const pgLabels = labels("postgres", "database");
  const postgres = {
    ...meta("postgres", { component: "database" }),
    metadata: { name: "postgres", namespace: NS, labels: pgLabels },
    spec: {
      service_name: "postgres",
      selector: { match_labels: pgLabels },
      template: {
        metadata: { labels: pgLabels },
        spec: {
          automount_service_account_token: false,
          security_context: { run_as_non_root: true, run_as_user: "999", fs_group: "999" },
          container: [
            secureContainer("postgres", {
              image: "postgres:17.6-bookworm",
              port: [{ name: "postgres", container_port: 5432 }],
              readiness_probe: { exec: { command: ["pg_isready"] } },
              liveness_probe: { tcp_socket: { port: "postgres" } },
              env: [{ name: "POSTGRES_PASSWORD", value_from: { secret_key_ref: { name: "db", key: "password" } } }],
            }),
          ],
        },
      },
      volume_claim_template: [{ metadata: { name: "data" }, spec: { access_modes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } }],
    },
    lifecycle: { prevent_destroy: true },
  };
  const redis = deployment("redis", {
    component: "cache",
    containers: [
      secureContainer("redis", {
        image: "redis:7.4.5-bookworm",
        port: [{ name: "redis", container_port: 6379 }],
        args: ["/etc/redis/redis.conf", "--requirepass", "$(REDIS_PASSWORD)"],
        env: [{ name: "REDIS_PASSWORD", value_from: { secret_key_ref: { name: "redis", key: "password" } } }],
        readiness_probe: { exec: { command: ["redis-cli", "ping"] } },
        liveness_probe: { tcp_socket: { port: "redis" } },
        volume_mount: [{ name: "config", mount_path: "/etc/redis" }],
      }),
    ],
    extraPodSpec: { volume: [{ name: "config", config_map: { name: "${kubernetes_config_map_v1.redis.metadata[0].name}" } }] },
  });
  const backupEnv = [
    { name: "PGHOST", value: "postgres.shop.svc.cluster.local" },
    { name: "PGPASSWORD", value_from: { secret_key_ref: { name: "db", key: "password" } } },
    { name: "BACKUP_RETENTION", value: "7" },
  ];
  const offsiteEnv = [
    { name: "OFFSITE_BUCKET", value: "shop-backups" },
    { name: "OFFSITE_PREFIX", value: "shop/postgres" },
    { name: "OFFSITE_ENDPOINT", value: "https://s3.eu-west-1.amazonaws.com" },
    { name: "AWS_ACCESS_KEY_ID", value_from: { secret_key_ref: { name: "offsite", key: "AWS_ACCESS_KEY_ID" } } },
    { name: "AWS_SECRET_ACCESS_KEY", value_from: { secret_key_ref: { name: "offsite", key: "AWS_SECRET_ACCESS_KEY" } } },
  ];
  const jobLabels = labels("migrate", "migrations");
  return {
    terraform: {
      backend: { s3: { bucket: "state", key: "shop.tfstate", region: "eu-west-1" } },
      required_providers: {
        kubernetes: { source: "hashicorp/kubernetes", version: "2.38.0" },
        helm: { source: "hashicorp/helm", version: "3.1.1" },
      },
    },
    resource: {
      kubernetes_namespace_v1: {
        shop: { ...meta("shop"), metadata: { name: NS, labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
      },
      kubernetes_deployment_v1: { api, redis },
      kubernetes_stateful_set_v1: { postgres },
      kubernetes_service_v1: {
        api: service("api", "api", [{ name: "http", port: 80, target_port: "http" }]),
        // Headless: it governs the StatefulSet (stable pod DNS names).
        postgres: headless(service("postgres", "database", [{ name: "postgres", port: 5432, target_port: "postgres" }])),
        redis: service("redis", "cache", [{ name: "redis", port: 6379, target_port: "redis" }]),
      },
      kubernetes_secret_v1: {
        db: { ...meta("db"), metadata: { name: "db", namespace: NS }, data: { username: "app", password: "${random_password.db.result}" } },
      },
      random_password: { db: { length: 32, special: false } },
      kubernetes_config_map_v1: {
        redis: {
          ...meta("redis-config"),
          metadata: { name: "redis", namespace: NS },
          data: { "redis.conf": "maxmemory 200mb\nmaxmemory-policy allkeys-lru\nappendonly no\n" },
        },
      },
      kubernetes_job_v1: {
        migrate: {
          ...meta("migrate", { component: "migrations" }),
          metadata: { name: "migrate", namespace: NS, labels: jobLabels },
          spec: {
            backoff_limit: 3,
            template: {
              metadata: { labels: jobLabels },
              spec: {
                restart_policy: "Never",
                automount_service_account_token: false,
                init_container: [secureInitContainer("wait-for-postgres", { image: "postgres:17.6-bookworm", command: ["sh", "-c", "until pg_isready; do sleep 2; done"] })],
                container: [secureInitContainer("migrate", { image: "postgres:17.6-bookworm", env: backupEnv.slice(0, 2) })],
              },
            },
          },
          wait_for_completion: true,
        },
      },
      kubernetes_cron_job_v1: {
        // The dump runs first (init container), then the off-site uploader; restore-verify downloads that copy and restores it.
        backup: cronJob("backup", "backup", [secureInitContainer("offsite-upload", { image: "rclone/rclone:1.72.1", command: ["sh", "/scripts/offsite.sh", "upload"], env: offsiteEnv })], {}, [
          secureInitContainer("backup", { image: "postgres:17.6-bookworm", command: ["bash", "/scripts/backup.sh"], env: backupEnv }),
        ]),
        verify: cronJob("verify", "restore-verify", [
          secureInitContainer("verify", { image: "postgres:17.6-bookworm", command: ["bash", "/scripts/verify-restore.sh"], env: [{ name: "BACKUP_DIR", value: "/tmp/offsite" }] }),
        ], {}, [
          secureInitContainer("offsite-download", {
            image: "rclone/rclone:1.72.1",
            command: ["sh", "/scripts/offsite.sh", "download"],
            env: [...offsiteEnv, { name: "OFFSITE_DOWNLOAD_DIR", value: "/tmp/offsite" }],
          }),
        ]),
      },
      kubernetes_horizontal_pod_autoscaler_v2: {
        api: {
          ...meta("api-hpa"),
          metadata: { name: "api", namespace: NS },
          spec: {
            min_replicas: 2,
            max_replicas: 6,
            scale_target_ref: { api_version: "apps/v1", kind: "Deployment", name: "${kubernetes_deployment_v1.api.metadata[0].name}" },
            metric: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", average_utilization: 70 } } }],
          },
        },
      },
      kubernetes_pod_disruption_budget_v1: {
        api: { ...meta("api-pdb"), metadata: { name: "api", namespace: NS }, spec: { max_unavailable: "1", selector: { match_labels: labels("api", "api") } } },
      },
      kubernetes_ingress_v1: {
        api: {
          ...meta("ingress"),
          metadata: { name: "api", namespace: NS, annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" } },
          spec: {
            ingress_class_name: "traefik",
            tls: [{ hosts: ["shop.example.com"], secret_name: "shop-tls" }],
            rule: [{
              host: "shop.example.com",
              http: { path: [{ path: "/", path_type: "Prefix", backend: { service: { name: "${kubernetes_service_v1.api.metadata[0].name}", port: { name: "http" } } } }] },
            }],
          },
        },
      },
      kubernetes_manifest: {
        issuer: {
          ...meta("issuer"),
          manifest: { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: "letsencrypt" }, spec: { acme: { server: "https://acme-v02.api.letsencrypt.org/directory" } } },
        },
        limits: {
          ...meta("limits"),
          manifest: {
            apiVersion: "v1", kind: "LimitRange", metadata: { name: "defaults", namespace: NS },
            spec: { limits: [{ type: "Container", default: { cpu: "500m", memory: "256Mi" } }] },
          },
        },
      },
      kubernetes_network_policy_v1: {
        deny: { ...meta("deny"), metadata: { name: "default-deny", namespace: NS }, spec: { pod_selector: {}, policy_types: ["Ingress", "Egress"] } },
        ...dependencyPolicies(),
      },
      helm_release: {
        traefik: {
          ...meta("traefik"),
          name: "traefik", repository: "https://traefik.github.io/charts", chart: "traefik", version: "37.1.1", namespace: "ingress",
          values: ["ports:\n  web:\n    redirections:\n      entryPoint:\n        to: websecure\n        scheme: https\n"],
        },
        loki: {
          ...meta("loki"),
          name: "loki", repository: "https://grafana-community.github.io/helm-charts", chart: "loki", version: "6.40.0", namespace: "logging",
          values: ["deploymentMode: SingleBinary\nloki:\n  auth_enabled: false\n"],
          lifecycle: { prevent_destroy: true },
        },
        alloy: {
          ...meta("alloy"),
          name: "alloy", repository: "https://grafana.github.io/helm-charts", chart: "alloy", version: "1.2.1", namespace: "logging",
          values: [
            "alloy:\n  configMap:\n    content: |\n      discovery.kubernetes \"pods\" {\n        role = \"pod\"\n        namespaces {\n          names = [\"shop\"]\n        }\n      }\n      loki.process \"json\" {\n        stage.json {\n          expressions = { level = \"level\" }\n        }\n        forward_to = [loki.write.default.receiver]\n      }\n",
          ],
        },
      },
    },
  };
}

/** Pods of the Jobs that talk to Postgres (migrations and backups), by one match_expressions term. */
export const DB_JOB_PODS = { match_expressions: [{ key: "app.kubernetes.io/component", operator: "In", values: ["migrations", "backup"] }] };

/**
 * The allows the default deny of {@link secureStack} needs for its dependency paths: API egress to
 * Postgres (port number) and Redis (port name), the Jobs' egress to Postgres, and the matching ingress
 * on the data pods. Keyed by resource name, for tests that remove one.
 */
export function dependencyPolicies(): Record<string, Json> {
  const pg = { pod_selector: { match_labels: labels("postgres", "database") } };
  const redis = { pod_selector: { match_labels: labels("redis", "cache") } };
  const api = { pod_selector: { match_labels: labels("api", "api") } };
  const policy = (name: string, spec: Json): Json => ({ ...meta(name), metadata: { name, namespace: NS }, spec });
  return {
    api_egress: policy("api-egress", {
      pod_selector: api.pod_selector,
      policy_types: ["Egress"],
      egress: [
        { to: [pg], ports: [{ port: "5432", protocol: "TCP" }] },
        { to: [redis], ports: [{ port: "redis", protocol: "TCP" }] },
      ],
    }),
    jobs_egress: policy("db-jobs-egress", {
      pod_selector: DB_JOB_PODS,
      policy_types: ["Egress"],
      egress: [{ to: [pg], ports: [{ port: "postgres" }] }],
    }),
    postgres_ingress: policy("postgres-ingress", {
      pod_selector: pg.pod_selector,
      policy_types: ["Ingress"],
      ingress: [{ from: [api, { pod_selector: DB_JOB_PODS }], ports: [{ port: "5432", protocol: "TCP" }] }],
    }),
    redis_ingress: policy("redis-ingress", {
      pod_selector: redis.pod_selector,
      policy_types: ["Ingress"],
      ingress: [{ from: [api], ports: [{ port: "6379" }] }],
    }),
  };
}

/** Run one rule through the engine (so findings carry their ruleId) and directly (for evidence). */
export function run(rule: Rule, json: Json): { findings: ReportedFinding[]; evidence: readonly string[]; messages: string[] } {
  const result = runReadiness(json as TerraformJson, { rules: [rule] });
  const engineErrors = result.findings.filter((f) => f.ruleId === "RS-ENGINE-RULE-ERROR");
  if (engineErrors.length > 0) throw new Error(engineErrors.map((f) => f.message).join("\n"));
  const findings = result.findings.filter((f) => f.ruleId === rule.id);
  const evidence = rule.check(createRuleContext(json as TerraformJson)).evidence;
  return { findings, evidence, messages: findings.map((f) => f.message) };
}

/** A resource body of a stack built by {@link secureStack}. */
export function res(json: Json, type: string, name: string): Json {
  return json.resource[type][name];
}

/** The first container of a Deployment/StatefulSet body. */
export function mainContainer(body: Json, index = 0): Json {
  return body.spec.template.spec.container[index];
}
