import { LOKI_LIVENESS_PROBE, LOKI_READINESS_PROBE, LOKI_SCHEMA_FROM, lokiValues } from "../../../lib/logging/loki-values";

type Json = Record<string, any>;

const RESOURCES = { cpuRequest: "100m", memoryRequest: "256Mi", cpuLimit: "1", memoryLimit: "1Gi" };

function values(extra: { storageClass?: string } = {}): Json {
  return lokiValues({ releaseName: "loki", retention: "744h", storageSize: "20Gi", resources: RESOURCES, ...extra }) as Json;
}

describe("lokiValues (grafana-community loki chart 18.x)", () => {
  const v = values();

  test("Monolithic mode (the chart's current name; SingleBinary is deprecated), one replica, every other target at zero", () => {
    expect(v.deploymentMode).toBe("Monolithic");
    expect(v.singleBinary.replicas).toBe(1);
    for (const k of ["read", "write", "backend", "ingester", "distributor", "querier", "queryFrontend"]) expect(v[k].replicas).toBe(0);
  });

  test("filesystem storage on a retained PVC, tsdb v13 schema, compactor retention", () => {
    expect(v.loki.storage).toEqual({ type: "filesystem" });
    expect(v.singleBinary.persistence).toMatchObject({ enabled: true, size: "20Gi", whenDeleted: "Retain", whenScaled: "Retain" });
    expect(v.singleBinary.persistence.storageClass).toBeUndefined();
    expect(values({ storageClass: "fast" }).singleBinary.persistence.storageClass).toBe("fast");
    expect(v.loki.schemaConfig.configs).toEqual([
      { from: LOKI_SCHEMA_FROM, store: "tsdb", object_store: "filesystem", schema: "v13", index: { prefix: "index_", period: "24h" } },
    ]);
    expect(v.loki.limits_config.retention_period).toBe("744h");
    expect(v.loki.compactor).toMatchObject({ retention_enabled: true, delete_request_store: "filesystem" });
  });

  test("the subcharts and optional components are disabled", () => {
    expect(v.minio).toEqual({ enabled: false });
    expect(v.rollout_operator).toEqual({ enabled: false });
    for (const k of ["chunksCache", "resultsCache", "memcached", "gateway", "lokiCanary", "test", "ruler"]) expect(v[k].enabled).toBe(false);
    expect(v.sidecar.rules.enabled).toBe(false);
  });

  test("readiness and liveness probes are set explicitly (liveness independent of the ring)", () => {
    expect(v.loki.readinessProbe).toEqual(LOKI_READINESS_PROBE);
    expect(v.loki.readinessProbe.httpGet).toEqual({ path: "/ready", port: "http-metrics" });
    expect(v.loki.livenessProbe).toEqual(LOKI_LIVENESS_PROBE);
    expect(v.loki.livenessProbe.httpGet.path).toBe("/loki/api/v1/status/buildinfo");
    expect(v.loki.livenessProbe.httpGet.path).not.toBe(v.loki.readinessProbe.httpGet.path);
  });

  test("no API token in the pod and no cluster-scoped RBAC", () => {
    expect(v.defaults.automountServiceAccountToken).toBe(false);
    expect(v.serviceAccount.automountServiceAccountToken).toBe(false);
    expect(v.rbac).toEqual({ namespaced: true });
  });
});
