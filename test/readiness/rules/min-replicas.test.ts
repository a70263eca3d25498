import { createMinReplicasRule, minReplicasRule } from "../../../lib/readiness/rules/min-replicas";
import { run } from "./support/fixtures";
import { MNS, appLabels, deploymentObject, manifestStack, serviceObject, workload } from "./support/manifests";

function hpa(target: string) {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: target, namespace: MNS },
    spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target }, minReplicas: 2, maxReplicas: 5 },
  };
}

describe("RS-MIN-REPLICAS", () => {
  it("passes a served Deployment with 2 replicas, one an HPA scales, and a single-replica database StatefulSet", () => {
    const json = manifestStack({
      web: deploymentObject("web", { spec: { replicas: 2 } }),
      web_svc: serviceObject("web", appLabels("web")),
      api: deploymentObject("api"),
      api_svc: serviceObject("api", appLabels("api")),
      api_hpa: hpa("api"),
      db: workload("StatefulSet", "db", { labels: appLabels("postgres", "database"), spec: { replicas: 1, serviceName: "db" } }),
      db_svc: serviceObject("db", appLabels("postgres", "database")),
      worker: deploymentObject("worker"),
      worker_metrics: serviceObject("worker-metrics", appLabels("worker"), { ports: [{ name: "http-metrics", port: 9402 }] }),
    });
    const out = run(minReplicasRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.web", "kubernetes_manifest.api"]);
  });

  it("reports a served Deployment with one replica and no HPA", () => {
    const json = manifestStack({ api: deploymentObject("api", { spec: { replicas: 1 } }), api_svc: serviceObject("api", appLabels("api")) });
    const out = run(minReplicasRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-MIN-REPLICAS", address: "kubernetes_manifest.api", severity: "warning" });
    expect(out.messages[0]).toBe(
      "kubernetes_manifest.api: spec.replicas is 1, below 2, for a workload a Service sends traffic to and no HPA scales.",
    );
  });

  it("takes the minimum as an option, and rejects a bad one naming the field", () => {
    const json = manifestStack({ api: deploymentObject("api", { spec: { replicas: 2 } }), api_svc: serviceObject("api", appLabels("api")) });
    expect(run(createMinReplicasRule({ minReplicas: 3 }), json).messages).toEqual([
      "kubernetes_manifest.api: spec.replicas is 2, below 3, for a workload a Service sends traffic to and no HPA scales.",
    ]);
    expect(() => createMinReplicasRule({ minReplicas: 0 })).toThrow("RS-MIN-REPLICAS: options.minReplicas must be a whole number of at least 1, got 0");
  });
});
