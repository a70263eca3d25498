import { dependable, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { Release } from "@cdktf/provider-helm/lib/release";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { ApiService, ApiServiceProps } from "./api/api-service";
import { configureStateBackend, StateBackendConfig } from "./backend/state-backend";
import { HttpsIngress, HttpsIngressProps } from "./ingress/https-ingress";
import { standardLabels } from "./k8s/labels";
import { COMPONENTS, setReadystackMetadata } from "./k8s/metadata";
import { PropValidator } from "./k8s/validate";
import { LogAggregation, LogAggregationProps } from "./logging/log-aggregation";
import { NetworkFlow, NetworkPolicies } from "./network/network-policies";
import { DatabaseMigrations, DatabaseMigrationsProps } from "./postgres/database-migrations";
import { PostgresBackup, PostgresBackupProps } from "./postgres/postgres-backup";
import { PostgresDatabase, PostgresDatabaseProps } from "./postgres/postgres-database";
import { Readiness, ReadinessOptions } from "./readiness/readiness";
import { automaticRender } from "./readiness/rehearsal/automatic";
import { RedisCache, RedisCacheProps } from "./redis/redis-cache";

/** How the kubernetes and helm providers reach the cluster. */
export interface ClusterAccess {
  /** Kubeconfig path written into the provider blocks. @default - not written: the providers read KUBE_CONFIG_PATH at plan time */
  readonly configPath?: string;
  /** Kubeconfig context. @default - not written: the providers read KUBE_CTX, else the current context */
  readonly configContext?: string;
}

/** Props of {@link ReadyStack}: the whole production stack from one object. */
export interface ReadyStackProps {
  /** Namespace for the application (created, with the `restricted` Pod Security Standard enforced). */
  readonly namespace: string;
  /** Terraform state backend; explicit, exactly one kind (see {@link StateBackendConfig}). */
  readonly backend: StateBackendConfig;
  /** The API: image, port, env, autoscaling... (namespace, database, redis and ordering are wired by ReadyStack). */
  readonly api: Omit<ApiServiceProps, "namespace" | "database" | "redis" | "waitFor">;
  /** Database migrations: `{ migrationsDir }` (built-in SQL migrator) or `{ command }` (the API image's own migrator). */
  readonly migrations: Omit<DatabaseMigrationsProps, "namespace" | "connection" | "image"> & { readonly image?: string };
  /** HTTPS ingress: hosts, ACME e-mail, issuer environment, controller. */
  readonly ingress: Omit<HttpsIngressProps, "namespace" | "backend">;
  /** PostgreSQL. @default - PostgresDatabase defaults */
  readonly postgres?: Omit<PostgresDatabaseProps, "namespace">;
  /**
   * Backups and restore verification; `backup.offsite` adds verified off-site copies on S3-compatible storage (and the
   * NetworkPolicy egress they need: the endpoint's port to `offsite.egressCidrs`).
   * @default - PostgresBackup defaults (daily backup 03:00 UTC, verify 05:00, keep 7, no off-site copy)
   */
  readonly backup?: Omit<PostgresBackupProps, "namespace" | "connection">;
  /** Redis. @default - RedisCache defaults */
  readonly redis?: Omit<RedisCacheProps, "namespace">;
  /** Loki and the log shipper. @default - LogAggregation defaults, except shipper "alloy" (maintained) and namespace "logging" for Loki and the shipper */
  readonly logging?: Omit<LogAggregationProps, "namespace">;
  /** Cluster access for the providers. @default - from the environment at plan time */
  readonly cluster?: ClusterAccess;
  /** Protect stateful resources with Terraform `prevent_destroy`. Turn off only for throwaway dev stacks. @default true */
  readonly preventDestroy?: boolean;
  /** Readiness options. ReadyStack is the production stack, so `strict` defaults to true here. @default { strict: true } */
  readonly readiness?: ReadinessOptions;
}

/** Pod ports of Traefik's `web` and `websecure` entry points (chart defaults; the Service exposes them as 80 and 443). */
const TRAEFIK_WEB_PORT = 8000;
const TRAEFIK_WEBSECURE_PORT = 8443;
/** Usual ports of the Kubernetes API server (its address is not known at synth time). */
const KUBE_APISERVER_PORTS = [{ port: 443 }, { port: 6443 }];
/** Label every pod of the cert-manager release carries (its release name is `cert-manager`). */
const CERT_MANAGER_PODS = { "app.kubernetes.io/instance": "cert-manager" };
/** cert-manager's webhook port (chart default `webhook.securePort`). */
const CERT_MANAGER_WEBHOOK_PORT = 10250;

/**
 * cert-manager's traffic: every component talks to the Kubernetes API; the API server calls the webhook; the
 * controller reaches the ACME server (HTTPS) and checks HTTP-01 challenges itself over HTTP.
 */
function certManagerFlows(): NetworkFlow[] {
  return [
    // The Kubernetes API (443/6443) and, for the controller, the ACME server (443): neither address is known at synth time.
    { name: "cert-manager-to-apiserver-and-acme", from: { podSelector: CERT_MANAGER_PODS }, to: { cidr: "0.0.0.0/0" }, ports: KUBE_APISERVER_PORTS },
    {
      name: "kube-apiserver-to-webhook",
      from: { cidr: "0.0.0.0/0" },
      to: { podSelector: { ...CERT_MANAGER_PODS, "app.kubernetes.io/component": "webhook" } },
      ports: [{ port: CERT_MANAGER_WEBHOOK_PORT }],
    },
    {
      name: "controller-to-http01-self-check",
      from: { podSelector: { ...CERT_MANAGER_PODS, "app.kubernetes.io/component": "controller" } },
      to: { cidr: "0.0.0.0/0" },
      ports: [{ port: 80 }],
    },
  ];
}

/**
 The production stack in one TerraformStack: namespace, PostgreSQL with backups and restore
 * verification, migrations that run before the API rolls out, Redis, the API with HPA and PDB,
 * HTTPS ingress with cert-manager, Loki with a log shipper, and NetworkPolicies that allow only
 * the traffic the stack needs. Synth fails when a mandatory readiness criterion is unmet
 * (and, since `strict` defaults to true, a recommended one).
 */
export class ReadyStack extends TerraformStack {
  /** The application namespace. */
  public readonly namespace: NamespaceV1;
  /**
   * The namespaces of the Helm releases (ingress controller, cert-manager, logging), created with their Pod Security
   * level instead of by Helm's create_namespace, which can set no label.
   */
  public readonly releaseNamespaces: readonly NamespaceV1[];
  /** PostgreSQL (StatefulSet, Services, credentials). */
  public readonly postgres: PostgresDatabase;
  /** Backup and restore-verify CronJobs with their PVC. */
  public readonly backup: PostgresBackup;
  /** The migration Job the API waits for. */
  public readonly migrations: DatabaseMigrations;
  /** Redis. */
  public readonly redis: RedisCache;
  /** The API: Deployment, Service, HPA, PDB, ServiceAccount, ConfigMap. */
  public readonly api: ApiService;
  /** cert-manager, the ClusterIssuer, the controller and the Ingress. */
  public readonly ingress: HttpsIngress;
  /** Loki and the log shipper. */
  public readonly logging: LogAggregation;
  /** Default deny plus the flows the stack needs, in the app namespace. */
  public readonly networkPolicies: NetworkPolicies;
  /**
   * Default deny plus the logging flows (shipper → Loki, Loki ↔ Loki, shipper → Kubernetes API, DNS) in the
   * logging namespace; undefined when Loki shares the app namespace or the shipper lives elsewhere.
   */
  public readonly loggingNetworkPolicies?: NetworkPolicies;
  /**
   * Default deny plus cert-manager's flows (Kubernetes API and ACME egress, webhook ingress from the API server,
   * DNS) in cert-manager's namespace; undefined when the stack installs no cert-manager.
   */
  public readonly certManagerNetworkPolicies?: NetworkPolicies;
  /**
   * Default deny plus the ingress controller's flows (HTTP/HTTPS in, the API, the ACME solver and the Kubernetes
   * API out, DNS) in the controller's namespace; undefined with an existing controller.
   */
  public readonly controllerNetworkPolicies?: NetworkPolicies;

  constructor(scope: Construct, id: string, props: ReadyStackProps) {
    super(scope, id);
    const v = new PropValidator(this);
    if (props === null || typeof props !== "object") v.fail("props", props, "a ReadyStackProps object");
    const ns = v.dnsLabel("namespace", props.namespace);
    const preventDestroy = props.preventDestroy === undefined ? true : v.bool("preventDestroy", props.preventDestroy);
    for (const key of ["api", "migrations", "ingress"] as const) {
      if (props[key] === null || typeof props[key] !== "object" || Array.isArray(props[key])) v.fail(key, props[key], `a ${key} props object`);
    }
    // Optional parts: absent, or an object (a string or number would be spread into nothing and silently ignored).
    for (const key of ["postgres", "backup", "redis", "logging", "cluster", "readiness"] as const) {
      const value: unknown = props[key];
      if (value !== undefined && (value === null || typeof value !== "object" || Array.isArray(value))) {
        v.fail(key, value, `a ${key} props object, or nothing for the defaults`);
      }
    }
    if (props.cluster?.configPath !== undefined) v.nonEmpty("cluster.configPath", props.cluster.configPath);
    if (props.cluster?.configContext !== undefined) v.nonEmpty("cluster.configContext", props.cluster.configContext);

    configureStateBackend(this, "backend", props.backend);
    const access = { configPath: props.cluster?.configPath, configContext: props.cluster?.configContext };
    new KubernetesProvider(this, "kubernetes", access);
    new HelmProvider(this, "helm", { kubernetes: access });
    new RandomProvider(this, "random");

    this.namespace = new NamespaceV1(this, "namespace", {
      metadata: {
        name: ns,
        labels: {
          ...standardLabels({ name: ns, instance: ns, component: COMPONENTS.namespace }),
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "latest",
        },
      },
    });
    setReadystackMetadata(this.namespace, "component", COMPONENTS.namespace);

    this.postgres = new PostgresDatabase(this, "postgres", { preventDestroy, ...props.postgres, namespace: ns });
    this.backup = new PostgresBackup(this, "backup", {
      preventDestroy,
      ...props.backup,
      namespace: ns,
      connection: this.postgres.connection,
    });
    this.redis = new RedisCache(this, "redis", { preventDestroy, ...props.redis, namespace: ns });
    this.migrations = new DatabaseMigrations(this, "migrations", {
      ...props.migrations,
      image: props.migrations.command !== undefined ? (props.migrations.image ?? props.api.image) : undefined,
      namespace: ns,
      connection: this.postgres.connection,
    } as DatabaseMigrationsProps);
    this.api = new ApiService(this, "api", {
      ...props.api,
      namespace: ns,
      database: this.postgres.connection,
      redis: this.redis.connection,
      waitFor: [this.migrations.job],
    });
    this.ingress = new HttpsIngress(this, "ingress", {
      ...props.ingress,
      namespace: ns,
      backend: { serviceName: this.api.service.metadata.name, servicePort: this.api.servicePort },
    });
    // Loki and the shipper get a namespace of their own: Promtail reads node log files through hostPath,
    // which the app namespace's `restricted` Pod Security Standard forbids, and its default-deny
    // NetworkPolicies would cut the shipper off from Loki and the Kubernetes API.
    this.logging = new LogAggregation(this, "logging", {
      preventDestroy,
      lokiNamespace: "logging",
      // The production stack ships logs with the maintained Alloy; Promtail (EOL) only when asked for.
      shipper: "alloy",
      ...props.logging,
      namespace: ns,
    });
    this.networkPolicies = new NetworkPolicies(this, "network-policies", { namespace: ns, flows: this.flows() });
    const logs = this.logging;
    if (logs.lokiNamespace !== ns && logs.shipperNamespace === logs.lokiNamespace) {
      this.loggingNetworkPolicies = new NetworkPolicies(this, "logging-network-policies", {
        namespace: logs.lokiNamespace,
        flows: this.loggingFlows(),
      });
      // The policies follow the Loki release into its namespace (created before it, see createReleaseNamespaces).
      for (const policy of this.loggingNetworkPolicies.policies) policy.dependsOn = [dependable(logs.lokiRelease)];
    }

    // cert-manager and the ingress controller get default deny and their own flows in their namespaces (one set of
    // policies when they share one). Each needs a namespace apart from the app's and the logging one, whose
    // default deny would otherwise cut them off.
    const certManager = this.ingress.certManagerRelease;
    const certManagerNamespace = certManager?.namespaceInput;
    const controller = this.ingress.controllerRelease;
    const controllerNamespace = controller ? this.ingress.controllerNamespace : undefined;
    const taken = [ns, logs.lokiNamespace, logs.shipperNamespace];
    if (certManager && certManagerNamespace !== undefined && taken.includes(certManagerNamespace)) {
      v.fail("ingress.certManagerNamespace", certManagerNamespace, "a namespace apart from the app and logging namespaces (it gets its own NetworkPolicies)");
    }
    if (controllerNamespace !== undefined && taken.includes(controllerNamespace)) {
      v.fail("ingress.controllerNamespace", controllerNamespace, "a namespace apart from the app and logging namespaces (it gets its own NetworkPolicies)");
    }
    const shared = certManagerNamespace !== undefined && certManagerNamespace === controllerNamespace;
    if (certManager && certManagerNamespace !== undefined) {
      this.certManagerNetworkPolicies = new NetworkPolicies(this, "cert-manager-network-policies", {
        namespace: certManagerNamespace,
        flows: [...certManagerFlows(), ...(shared ? this.controllerFlows(ns) : [])],
      });
      const releases = shared && controller ? [certManager, controller] : [certManager];
      for (const policy of this.certManagerNetworkPolicies.policies) policy.dependsOn = releases.map((r) => dependable(r));
    }
    if (controller && controllerNamespace !== undefined) {
      this.controllerNetworkPolicies = shared
        ? this.certManagerNetworkPolicies
        : new NetworkPolicies(this, "controller-network-policies", { namespace: controllerNamespace, flows: this.controllerFlows(ns) });
      if (!shared) for (const policy of this.controllerNetworkPolicies?.policies ?? []) policy.dependsOn = [dependable(controller)];
    }

    this.releaseNamespaces = this.createReleaseNamespaces(ns);
    this.dependOnNamespace();
    // The deploy rehearsal runs whenever a chart source (READYSTACK_CHARTS_DIR, readiness.render) and Helm are
    // available; otherwise the reports list each release as not rendered, with the reason.
    Readiness.check(this, { strict: true, ...props.readiness, render: automaticRender(props.readiness?.render) });
  }

  /** The traffic the stack needs; everything else is denied by default. */
  private flows(): NetworkFlow[] {
    const api = this.api.podSelector;
    const pg = this.postgres.connection.podSelector;
    const redis = this.redis.connection.podSelector;
    const pgPort = [{ port: 5432 }];
    return [
      {
        name: "controller-to-api",
        from: { namespace: this.ingress.controllerNamespace, podSelector: this.ingress.controllerPodSelector },
        to: { podSelector: api },
        ports: [{ port: this.api.port }],
      },
      {
        name: "controller-to-acme-solver",
        from: { namespace: this.ingress.controllerNamespace, podSelector: this.ingress.controllerPodSelector },
        to: { podSelector: this.ingress.acmeSolverPodSelector },
        ports: [{ port: 8089 }],
      },
      { name: "api-to-postgres", from: { podSelector: api }, to: { podSelector: pg }, ports: pgPort },
      { name: "api-to-redis", from: { podSelector: api }, to: { podSelector: redis }, ports: [{ port: 6379 }] },
      { name: "migrations-to-postgres", from: { podSelector: this.migrations.podSelector }, to: { podSelector: pg }, ports: pgPort },
      { name: "backup-to-postgres", from: { podSelector: this.backup.backupPodSelector }, to: { podSelector: pg }, ports: pgPort },
      ...this.offsiteFlows(),
    ];
  }

  /**
   * Off-site copies: the backup pod uploads and the restore-verify pod downloads, on the endpoint's port, to the
   * `offsite.egressCidrs` (default any address: object-store addresses are not known at synth time).
   */
  private offsiteFlows(): NetworkFlow[] {
    const offsite = this.backup.offsite;
    if (!offsite) return [];
    const ports = [{ port: offsite.port }];
    return offsite.egressCidrs.flatMap((cidr, i) => {
      const suffix = offsite.egressCidrs.length > 1 ? `-${i + 1}` : "";
      return [
        { name: `backup-to-object-storage${suffix}`, from: { podSelector: this.backup.backupPodSelector }, to: { cidr }, ports },
        { name: `verify-from-object-storage${suffix}`, from: { podSelector: this.backup.verifyPodSelector }, to: { cidr }, ports },
      ];
    });
  }

  /** The logging namespace's traffic: the shipper pushes to Loki and watches the Kubernetes API; Loki talks to itself. */
  private loggingFlows(): NetworkFlow[] {
    const loki = { ...this.logging.lokiPodSelector };
    const shipper = { ...this.logging.shipperPodSelector };
    return [
      { name: "shipper-to-loki", from: { podSelector: shipper }, to: { podSelector: loki }, ports: [{ port: this.logging.lokiPort }] },
      // Even a single-binary Loki reaches its own ring members over the pod IP: HTTP, gRPC and memberlist.
      {
        name: "loki-to-loki",
        from: { podSelector: loki },
        to: { podSelector: loki },
        ports: [{ port: this.logging.lokiPort }, { port: 9095 }, { port: 7946 }],
      },
      // The API server's address is not known at synth time: allow its usual ports to any address.
      { name: "shipper-to-kube-apiserver", from: { podSelector: shipper }, to: { cidr: "0.0.0.0/0" }, ports: [{ port: 443 }, { port: 6443 }] },
    ];
  }

  /**
   * The ingress controller's traffic: HTTP and HTTPS from anywhere on the pods' entry points (the Service maps
   * 80/443 to them), to the API and the ACME solver in the app namespace, and to the Kubernetes API it watches.
   */
  private controllerFlows(appNamespace: string): NetworkFlow[] {
    const pods = { ...(this.ingress.controllerPodSelector ?? {}) };
    return [
      {
        name: "internet-to-controller",
        from: { cidr: "0.0.0.0/0" },
        to: { podSelector: pods },
        ports: [{ port: TRAEFIK_WEB_PORT }, { port: TRAEFIK_WEBSECURE_PORT }],
      },
      { name: "controller-to-api", from: { podSelector: pods }, to: { namespace: appNamespace, podSelector: { ...this.api.podSelector } }, ports: [{ port: this.api.port }] },
      {
        name: "controller-to-acme-solver",
        from: { podSelector: pods },
        to: { namespace: appNamespace, podSelector: { ...this.ingress.acmeSolverPodSelector } },
        ports: [{ port: this.ingress.acmeSolverPort }],
      },
      { name: "controller-to-kube-apiserver", from: { podSelector: pods }, to: { cidr: "0.0.0.0/0" }, ports: KUBE_APISERVER_PORTS },
    ];
  }

  /**
   * One labelled namespace per namespace a release would create (create_namespace sets no Pod Security label):
   * `restricted`, except where a log shipper's DaemonSet reads node log files through hostPath, which only
   * `privileged` admits; that level is recorded with a waiver giving the reason.
   */
  private createReleaseNamespaces(appNamespace: string): NamespaceV1[] {
    const byName = new Map<string, Release[]>();
    for (const child of this.node.findAll()) {
      if (!(child instanceof Release) || child.createNamespaceInput !== true) continue;
      const name = child.namespaceInput;
      if (name === undefined || name === appNamespace || Token.isUnresolved(name)) continue;
      byName.set(name, [...(byName.get(name) ?? []), child]);
    }
    const shipperNamespace = this.logging.shipperRelease.namespaceInput;
    const created: NamespaceV1[] = [];
    for (const [name, releases] of byName) {
      const level = name === shipperNamespace ? "privileged" : "restricted";
      const namespace = new NamespaceV1(this, `namespace-${name}`, {
        metadata: {
          name,
          labels: {
            ...standardLabels({ name, instance: name, component: COMPONENTS.namespace }),
            "pod-security.kubernetes.io/enforce": level,
            "pod-security.kubernetes.io/enforce-version": "latest",
          },
        },
      });
      setReadystackMetadata(namespace, "component", COMPONENTS.namespace);
      for (const release of releases) {
        release.createNamespace = false;
        release.dependsOn = [...(release.dependsOn ?? []), dependable(namespace)];
      }
      if (level === "privileged") {
        Readiness.waive(
          namespace,
          "RS-POD-SECURITY-ADMISSION",
          "the log shipper DaemonSet reads node log files through hostPath, which only the privileged level admits",
        );
      }
      created.push(namespace);
    }
    return created;
  }

  private dependOnNamespace(): void {
    for (const child of this.node.findAll()) {
      if (child === this.namespace) continue;
      const resource = child as { terraformResourceType?: string; dependsOn?: string[] };
      if (typeof resource.terraformResourceType !== "string") continue;
      if (!/^(kubernetes_|helm_release)/.test(resource.terraformResourceType)) continue;
      if (resource.terraformResourceType === "kubernetes_namespace_v1") continue;
      resource.dependsOn = [...(resource.dependsOn ?? []), dependable(this.namespace)];
    }
  }
}
