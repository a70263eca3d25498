import { hpaTargetRule } from "../../../lib/readiness/rules/hpa-target";
import { mainContainer, res, run, secureStack } from "./support/fixtures";

describe("RS-HPA-TARGET", () => {
  it("passes an HPA that references the API Deployment, which has cpu requests and no static replicas", () => {
    const out = run(hpaTargetRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_horizontal_pod_autoscaler_v2.api", "kubernetes_deployment_v1.api"]);
  });

  it("reports static replicas and a container without cpu request on the target", () => {
    const json = secureStack();
    const api = res(json, "kubernetes_deployment_v1", "api");
    api.spec.replicas = "3";
    delete mainContainer(api).resources.requests.cpu;
    const out = run(hpaTargetRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-HPA-TARGET", address: "kubernetes_deployment_v1.api" });
    expect(out.messages[0]).toBe(
      'kubernetes_deployment_v1.api, scaled by kubernetes_horizontal_pod_autoscaler_v2.api: container "api" has no resources.requests.cpu; it sets static spec.replicas = 3, which every apply resets.',
    );
    api.lifecycle = { ignore_changes: ["spec[0].replicas"] };
    mainContainer(api).resources.requests.cpu = "100m";
    expect(run(hpaTargetRule, json).findings).toEqual([]);
  });

  it("reports an HPA whose target is not in the stack, and an API without HPA", () => {
    const json = secureStack();
    res(json, "kubernetes_horizontal_pod_autoscaler_v2", "api").spec.scale_target_ref.name = "web";
    expect(run(hpaTargetRule, json).messages).toEqual([
      'kubernetes_horizontal_pod_autoscaler_v2.api spec.scaleTargetRef Deployment "web" is not a workload of the stack in namespace shop.',
      "kubernetes_deployment_v1.api has no HorizontalPodAutoscaler (no HPA's spec.scaleTargetRef names it).",
    ]);
  });
});
