import { TerraformResource } from "cdktf";
import type { AcmeServer } from "../ingress/acme";
import type { HstsSettings } from "../ingress/traefik-values";

/**
 * readystack records facts for the readiness engine in each resource's `//` metadata block of
 * cdk.tf.json (beside cdktf's own `metadata`): `//.readystack.<key>`. Terraform ignores `//` keys,
 * and the CLI reads them back from a synthesized cdktf.out/. The keys and the shape of each value are
 * {@link ReadystackFacts}: the constructs write them and the rules read them through this one contract.
 * @internal
 */
export const METADATA_KEY = "readystack";

/**
 * The components readystack marks its resources with (`//.readystack.component`, and the
 * `app.kubernetes.io/component` label of what it deploys). Rules and the dependency analysis recognise
 * the parts of a stack by these names.
 * @internal
 */
export const COMPONENTS = {
  namespace: "namespace",
  database: "database",
  cache: "cache",
  api: "api",
  migrations: "migrations",
  backup: "backup",
  restoreVerify: "restore-verify",
  networkPolicy: "network-policy",
  loki: "loki",
  promtail: "promtail",
  alloy: "alloy",
  certManager: "cert-manager",
  ingressController: "ingress-controller",
  clusterIssuer: "cluster-issuer",
  ingress: "ingress",
} as const;

/** @internal */
export type Component = (typeof COMPONENTS)[keyof typeof COMPONENTS];

/** @internal A documented environment variable as recorded in `//.readystack.envExample`. */
export interface EnvExampleFact {
  readonly name: string;
  readonly secret: boolean;
  readonly description: string;
  readonly example?: string;
  readonly secretRef?: { readonly name: string; readonly key: string };
  readonly composedFrom?: readonly string[];
}

/**
 * Every `//.readystack.<key>` fact a construct records, with the type of its value.
 * @internal
 */
export interface ReadystackFacts {
  /** Which part of the stack the resource is. */
  component: Component;
  /** ApiService's Deployment: every env var it sets, documented (RS-ENV-DOCUMENTED). */
  envExample: readonly EnvExampleFact[];
  /** DatabaseMigrations' Job: how it migrates. */
  migrationsMode: "sql" | "command";
  /** DatabaseMigrations' Job: hash of the migration files, in the Job name. */
  migrationsHash: string;
  /** Loki's release: the Loki deployment mode. */
  deploymentMode: "Monolithic";
  /** Loki's release: the retention period, e.g. `744h`. */
  retention: string;
  /** Loki's release: what happens to the PVC when the release goes. */
  pvcRetention: "Retain" | "Delete";
  /** Loki's release: whether Loki requires tenant authentication. */
  authEnabled: boolean;
  /** Loki's and the shipper's releases: the push URL the shipper sends to. */
  pushUrl: string;
  /** The shipper's release: the namespaces whose logs it ships. */
  targetNamespaces: readonly string[];
  /** The shipper's release: it parses JSON log lines. */
  parsesJson: boolean;
  /** A release of a component past its end of life (RS-EOL-COMPONENT). */
  endOfLife: { readonly since: string; readonly replacement: string };
  /** Why the release's pods run as root. */
  runsAsRoot: string;
  /** The ingress controller's release: the HSTS middleware it serves. */
  hstsMiddleware: HstsSettings & { readonly namespace: string; readonly name: string };
  /** The ClusterIssuer's release and the Ingress: the issuer name. */
  clusterIssuer: string;
  /** The ClusterIssuer's release and the Ingress: the ACME server. */
  acmeServer: AcmeServer;
  /** The Ingress: who redirects HTTP to HTTPS (`true` or the place it is configured). */
  redirect: boolean | "traefik-entrypoint" | "external";
  /** The Ingress: whether HSTS is sent (`"external"`: by the existing controller). */
  hsts: boolean | "external";
  /** The Ingress: the hosts its certificate covers. */
  tlsHosts: readonly string[];
}

/**
 * Record `value` under `//.readystack.<key>` of the resource.
 * @internal
 */
export function setReadystackMetadata<K extends keyof ReadystackFacts>(resource: TerraformResource, key: K, value: ReadystackFacts[K]): void {
  resource.addOverride(`//.${METADATA_KEY}.${key}`, value);
}
