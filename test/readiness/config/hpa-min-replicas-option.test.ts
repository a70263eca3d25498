import { runReadiness } from "../../../lib/readiness/engine";
import { hpaReplicasRule } from "../../../lib/readiness/rules/hpa-replicas";
import type { TerraformJson } from "../../../lib/readiness/types";

const json: TerraformJson = {
  resource: {
    kubernetes_deployment_v1: {
      api: {
        metadata: { name: "api", namespace: "web", labels: { "app.kubernetes.io/component": "api" } },
        spec: {
          selector: { match_labels: { app: "api" } },
          template: {
            metadata: { labels: { app: "api" } },
            spec: { container: [{ name: "api", image: "ghcr.io/acme/api:1.2.3", resources: { requests: { cpu: "100m" } } }] },
          },
        },
      },
    },
    kubernetes_horizontal_pod_autoscaler_v2: {
      api: {
        metadata: { name: "api", namespace: "web" },
        spec: { min_replicas: 2, max_replicas: 6, scale_target_ref: { api_version: "apps/v1", kind: "Deployment", name: "api" } },
      },
    },
  },
};

describe("RS-HPA-REPLICAS minReplicas option", () => {
  it("passes min_replicas 2 by default", () => {
    const result = runReadiness(json, { rules: [hpaReplicasRule] });
    expect(result.findings).toEqual([]);
    expect(result.criteria.find((c) => c.id === "autoscaling")).toMatchObject({ status: "met", evidence: ["kubernetes_horizontal_pod_autoscaler_v2.api"] });
  });

  it("fails min_replicas 2 when the config asks for 3, naming the threshold", () => {
    const result = runReadiness(json, { rules: [hpaReplicasRule], config: { options: { "RS-HPA-REPLICAS": { minReplicas: 3 } } } });
    expect(result.findings.map((f) => f.message)).toEqual(["kubernetes_horizontal_pod_autoscaler_v2.api: spec.minReplicas = 2 (needs ≥ 3)."]);
  });

  it("rejects a threshold below 1", () => {
    expect(() => runReadiness(json, { rules: [hpaReplicasRule], config: { options: { "RS-HPA-REPLICAS": { minReplicas: 0 } } } })).toThrow(
      "readiness config: invalid options.RS-HPA-REPLICAS.minReplicas 0; expected an integer of at least 1",
    );
  });
});
