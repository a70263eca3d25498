import { helmHardenedContainer } from "../k8s/security";
import { ContainerResources, resourcesBlock } from "../k8s/resources";

/** UID/GID of the grafana/loki image (chart default podSecurityContext). */
export const LOKI_UID = 10001;
/** Loki's HTTP port (push and query API). */
export const LOKI_HTTP_PORT = 3100;
/** First day of the schema (tsdb, v13); never change it for existing data, add a new period instead. */
export const LOKI_SCHEMA_FROM = "2024-01-01";

/** What the Loki values are built from. */
export interface LokiValuesInput {
  readonly releaseName: string;
  readonly retention: string;
  readonly storageSize: string;
  readonly storageClass?: string;
  readonly resources: ContainerResources;
}

/** Labels of the single-binary Loki pods. */
export function lokiPodSelector(releaseName: string): Record<string, string> {
  return {
    "app.kubernetes.io/name": "loki",
    "app.kubernetes.io/instance": releaseName,
    "app.kubernetes.io/component": "single-binary",
  };
}

/**
 * Values for the grafana-community `loki` chart in Monolithic (SingleBinary) mode, keys checked against
 * charts/loki/values.yaml of grafana-community/helm-charts:
 * - one single-binary replica on a PVC, filesystem chunk/index storage, every scalable target at 0 replicas;
 * - schema tsdb/v13 on the filesystem object store, 24h index period;
 * - `auth_enabled: false`: a single tenant ("fake"), so shippers push without an X-Scope-OrgID header;
 *   access control is the NetworkPolicy in front of port 3100;
 * - retention by the compactor (`retention_enabled`, deletes through the filesystem delete-request store);
 * - no memcached chunk/results caches (8 GiB + 1 GiB by default: too heavy for a small stack), no nginx
 *   gateway (shippers push straight to the single-binary Service), no canary/helm-test/rules sidecar;
 * - the StatefulSet's PVC retention policy is Retain on delete and on scale-down.
 */
export function lokiValues(input: LokiValuesInput): Record<string, unknown> {
  const persistence: Record<string, unknown> = {
    enabled: true,
    size: input.storageSize,
    accessModes: ["ReadWriteOnce"],
    enableStatefulSetAutoDeletePVC: true,
    whenDeleted: "Retain",
    whenScaled: "Retain",
  };
  if (input.storageClass !== undefined) persistence.storageClass = input.storageClass;
  return {
    deploymentMode: "SingleBinary",
    fullnameOverride: input.releaseName,
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: 1, path_prefix: "/var/loki" },
      storage: { type: "filesystem" },
      schemaConfig: {
        configs: [
          {
            from: LOKI_SCHEMA_FROM,
            store: "tsdb",
            object_store: "filesystem",
            schema: "v13",
            index: { prefix: "index_", period: "24h" },
          },
        ],
      },
      limits_config: { retention_period: input.retention },
      compactor: {
        working_directory: "/var/loki/compactor",
        compaction_interval: "10m",
        retention_enabled: true,
        retention_delete_delay: "2h",
        delete_request_store: "filesystem",
      },
      podSecurityContext: {
        runAsNonRoot: true,
        runAsUser: LOKI_UID,
        runAsGroup: LOKI_UID,
        fsGroup: LOKI_UID,
        fsGroupChangePolicy: "OnRootMismatch",
        seccompProfile: { type: "RuntimeDefault" },
      },
      containerSecurityContext: helmHardenedContainer(),
      analytics: { reporting_enabled: false },
    },
    singleBinary: {
      replicas: 1,
      resources: resourcesBlock(input.resources),
      persistence,
    },
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    ingester: { replicas: 0 },
    distributor: { replicas: 0 },
    querier: { replicas: 0 },
    queryFrontend: { replicas: 0 },
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    gateway: { enabled: false },
    lokiCanary: { enabled: false },
    test: { enabled: false },
    minio: { enabled: false },
    ruler: { enabled: false },
    sidecar: { rules: { enabled: false } },
    serviceAccount: { create: true, automountServiceAccountToken: false },
  };
}
