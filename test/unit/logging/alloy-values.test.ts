import { ALLOY_HTTP_PORT, ALLOY_LIVENESS_PROBE, ALLOY_RBAC_CLUSTER_RULES, ALLOY_RBAC_RULES, alloyValues } from "../../../lib/logging/alloy-values";

type Json = Record<string, any>;

const v = alloyValues({
  releaseName: "alloy",
  pushUrl: "http://loki.logs.svc.cluster.local:3100/loki/api/v1/push",
  namespaces: ["shop"],
  resources: { cpuRequest: "50m", memoryRequest: "64Mi", cpuLimit: "500m", memoryLimit: "256Mi" },
}) as Json;

describe("alloyValues (grafana alloy chart 1.11.1)", () => {
  test("liveness is a TCP check on the HTTP port, never /-/healthy", () => {
    expect(v.alloy.livenessProbe).toEqual(ALLOY_LIVENESS_PROBE);
    expect(v.alloy.livenessProbe.tcpSocket).toEqual({ port: ALLOY_HTTP_PORT });
    expect(v.alloy.livenessProbe.httpGet).toBeUndefined();
    expect(JSON.stringify(v.alloy.livenessProbe)).not.toContain("/-/healthy");
  });

  test("no config-reloader sidecar (the chart gives it no probe); the config checksum on the pod rolls the pods instead", () => {
    expect(v.configReloader).toEqual({ enabled: false });
  });

  test("no stability-level override: loki.source.kubernetes is generally available in Alloy 1.x", () => {
    expect(v.alloy.stabilityLevel).toBeUndefined();
    expect(v.alloy.configMap.content).toContain('loki.source.kubernetes "pods"');
  });

  test("RBAC is read-only on pods, pods/log, namespaces and nodes: no secrets, no configmaps", () => {
    expect(v.rbac.create).toBe(true);
    expect(v.rbac.rules).toEqual([{ apiGroups: [""], resources: ["pods", "pods/log", "namespaces"], verbs: ["get", "list", "watch"] }]);
    expect(v.rbac.clusterRules).toEqual([{ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] }]);
    const all = [...v.rbac.rules, ...v.rbac.clusterRules] as Json[];
    const resources = all.flatMap((r) => r.resources as string[]);
    expect(resources).not.toContain("secrets");
    expect(resources).not.toContain("configmaps");
    for (const r of all) expect(r.verbs).toEqual(["get", "list", "watch"]);
    expect(all).toHaveLength(ALLOY_RBAC_RULES.length + ALLOY_RBAC_CLUSTER_RULES.length);
  });

  test("the rules are fresh copies (no shared arrays, so the YAML has no anchors)", () => {
    expect(v.rbac.rules[0].verbs).not.toBe(v.rbac.clusterRules[0].verbs);
    expect(v.rbac.rules[0].resources).not.toBe(ALLOY_RBAC_RULES[0].resources);
  });
});
