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

/** Readiness probe of the Loki container: `/ready` turns 200 once the ring and every module are up. */
export const LOKI_READINESS_PROBE = {
  httpGet: { path: "/ready", port: "http-metrics" },
  initialDelaySeconds: 15,
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
} as const;

/**
 * Liveness probe of the Loki container: the build-info endpoint answers as long as the HTTP server runs,
 * independent of the ring or of storage, so a slow start or a full disk never gets the pod restarted in a loop.
 */
export const LOKI_LIVENESS_PROBE = {
  httpGet: { path: "/loki/api/v1/status/buildinfo", port: "http-metrics" },
  initialDelaySeconds: 30,
  periodSeconds: 30,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 10,
} as const;

/**
 * Values for the grafana-community `loki` chart 18.x in Monolithic mode (`deploymentMode: Monolithic`; the
 * chart still accepts the older name `SingleBinary` but marks it deprecated), keys checked against
 * charts/loki/values.yaml and templates/ of grafana-community/helm-charts at loki-18.11.0:
 * - one single-binary replica on a PVC, filesystem chunk/index storage, every scalable target at 0 replicas;
 * - schema tsdb/v13 on the filesystem object store, 24h index period;
 * - `auth_enabled: false`: a single tenant ("fake"), so shippers push without an X-Scope-OrgID header;
 *   access control is the NetworkPolicy in front of port 3100;
 * - retention by the compactor (`retention_enabled`, deletes through the filesystem delete-request store);
 * - no memcached chunk/results caches (8 GiB + 1 GiB by default: too heavy for a small stack), no nginx
 *   gateway (shippers push straight to the single-binary Service), no canary/helm-test/rules sidecar;
 * - the subcharts (MinIO, rollout-operator) disabled: storage is the PVC, and one replica needs no rollouts;
 * - readiness and liveness probes set explicitly in `loki.readinessProbe`/`loki.livenessProbe` (the chart's
 *   pod template takes the component's probe, else `defaults.*`, else `loki.*`);
 * - no API token in the pod (`defaults.automountServiceAccountToken: false`: Loki never calls the API) and
 *   no cluster-scoped RBAC objects (`rbac.namespaced: true`; with the rules sidecar off the chart renders none);
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
    deploymentMode: "Monolithic",
    fullnameOverride: input.releaseName,
    defaults: { automountServiceAccountToken: false },
    loki: {
      readinessProbe: { ...LOKI_READINESS_PROBE, httpGet: { ...LOKI_READINESS_PROBE.httpGet } },
      livenessProbe: { ...LOKI_LIVENESS_PROBE, httpGet: { ...LOKI_LIVENESS_PROBE.httpGet } },
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
    memcached: { enabled: false },
    minio: { enabled: false },
    rollout_operator: { enabled: false },
    ruler: { enabled: false },
    sidecar: { rules: { enabled: false } },
    serviceAccount: { create: true, automountServiceAccountToken: false },
    rbac: { namespaced: true },
  };
}
