/**
 * The rules read JSON as cdktf writes it (single blocks as objects, `//` metadata beside the body),
 * not only the hand-written fixtures.
 */
import { Testing, TerraformStack } from "cdktf";
import { CronJobV1 } from "@cdktf/provider-kubernetes/lib/cron-job-v1";
import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { HorizontalPodAutoscalerV2 } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { setReadystackMetadata } from "../../../lib/k8s/metadata";
import { httpProbe } from "../../../lib/k8s/probes";
import { resourcesBlock } from "../../../lib/k8s/resources";
import { secureContainerSecurityContext, securePodSecurityContext } from "../../../lib/k8s/security";
import { hpaTargetRule } from "../../../lib/readiness/rules/hpa-target";
import { probesRule } from "../../../lib/readiness/rules/probes";
import { resourcesRule } from "../../../lib/readiness/rules/resources";
import { secNonRootRule } from "../../../lib/readiness/rules/sec-non-root";
import { secReadonlyRootRule } from "../../../lib/readiness/rules/sec-readonly-root";
import { run } from "./support/fixtures";

function synth(): Record<string, unknown> {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const labels = { "app.kubernetes.io/name": "api", "app.kubernetes.io/component": "api" };
  const container = {
    name: "api",
    image: "ghcr.io/acme/api:1.0.0",
    port: [{ name: "http", containerPort: 8080 }],
    readinessProbe: httpProbe("/ready", "http"),
    livenessProbe: httpProbe("/live", "http"),
    resources: resourcesBlock({ cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "1", memoryLimit: "256Mi" }),
    securityContext: secureContainerSecurityContext(1000),
  };
  const api = new DeploymentV1(stack, "api", {
    metadata: { name: "api", namespace: "shop", labels },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { securityContext: securePodSecurityContext(1000), container: [container] } },
    },
  });
  setReadystackMetadata(api, "component", "api");
  new HorizontalPodAutoscalerV2(stack, "hpa", {
    metadata: { name: "api", namespace: "shop" },
    spec: { minReplicas: 2, maxReplicas: 4, scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: api.metadata.name } },
  });
  new CronJobV1(stack, "job", {
    metadata: { name: "job", namespace: "shop" },
    spec: {
      schedule: "0 * * * *",
      jobTemplate: { metadata: {}, spec: { template: { metadata: {}, spec: { container: [{ ...container, readinessProbe: undefined, livenessProbe: undefined, securityContext: { runAsUser: "0" } }] } } } },
    },
  });
  return stack.toTerraform() as Record<string, unknown>;
}

describe("rules on cdktf-synthesized JSON", () => {
  const json = synth();

  it("sees the Deployment, its probes, resources and security context, and the HPA reference", () => {
    for (const rule of [probesRule, resourcesRule, hpaTargetRule]) expect(run(rule, json).findings).toEqual([]);
    expect(run(probesRule, json).evidence).toEqual(["kubernetes_deployment_v1.api"]);
    expect(run(hpaTargetRule, json).evidence).toEqual(["kubernetes_horizontal_pod_autoscaler_v2.hpa", "kubernetes_deployment_v1.api"]);
  });

  it("reports the CronJob container with the construct path cdktf recorded", () => {
    const nonRoot = run(secNonRootRule, json);
    expect(nonRoot.findings).toHaveLength(1);
    expect(nonRoot.findings[0]).toMatchObject({ address: "kubernetes_cron_job_v1.job", constructPath: "test/job" });
    expect(nonRoot.messages[0]).toBe('kubernetes_cron_job_v1.job container "api": runAsUser = 0 (root).');
    expect(run(secReadonlyRootRule, json).messages).toEqual([
      'kubernetes_cron_job_v1.job container "api": securityContext.readOnlyRootFilesystem = unset (needs true).',
    ]);
  });
});
