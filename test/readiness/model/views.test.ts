import { createRuleContext } from "../../../lib/readiness/context";
import { configMapData, findNamed, hpas, ingresses, services, serviceTargets, workloads } from "../../../lib/readiness/k8s-model";
import type { ModelObject } from "../../../lib/readiness/model/object";
import type { TerraformJson } from "../../../lib/readiness/types";

const json = {
  resource: {
    kubernetes_config_map_v1: { cfg: { metadata: { name: "cfg", namespace: "shop" }, data: { LOG_FORMAT: "json" } } },
    kubernetes_deployment_v1: {
      api: {
        metadata: { name: "api", namespace: "shop", labels: { app: "api" } },
        spec: {
          template: {
            metadata: { labels: { app: "api" } },
            spec: { container: [{ name: "api", image: "acme/api:1.0.0", env_from: [{ config_map_ref: { name: "${kubernetes_config_map_v1.cfg.metadata[0].name}" } }] }] },
          },
        },
      },
    },
    kubernetes_service_v1: { api: { metadata: { name: "api", namespace: "shop" }, spec: { selector: { app: "api" }, port: [{ port: 80, target_port: "8080" }] } } },
    kubernetes_manifest: {
      hpa: {
        manifest: {
          apiVersion: "autoscaling/v2",
          kind: "HorizontalPodAutoscaler",
          metadata: { name: "api", namespace: "shop" },
          spec: { scaleTargetRef: { kind: "Deployment", name: "api" }, minReplicas: 2, maxReplicas: 4 },
        },
      },
    },
    helm_release: {
      extras: {
        name: "extras",
        chart: "./charts/manifests",
        namespace: "tools",
        values: ["objects:\n  - apiVersion: networking.k8s.io/v1\n    kind: Ingress\n    metadata: {name: web}\n    spec:\n      rules: [{host: a.example.com}]\n"],
      },
    },
  },
} as unknown as TerraformJson;

/** An object as a rendered chart would hand it over (the `render` side passes these as extraObjects). */
function renderedPod(resource: ModelObject["resource"]): ModelObject {
  return {
    object: { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "agent" }, spec: { template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "agent", image: "grafana/alloy:v1.10.0" }] } } } },
    origin: "helm-rendered",
    address: "helm_release.extras",
    objectRef: "DaemonSet/tools/agent",
    template: "extras/templates/ds.yaml",
    resource,
  };
}

describe("views over the model", () => {
  const base = createRuleContext(json);
  const ctx = createRuleContext(json, { extraObjects: [renderedPod(base.get("helm_release.extras")!)] });

  it("workloads come from provider resources and rendered charts alike, named by address and objectRef", () => {
    expect(workloads(ctx).map((w) => [w.kind, w.at, w.namespace, w.key])).toEqual([
      ["Deployment", "kubernetes_deployment_v1.api", "shop", "kubernetes_deployment_v1.api"],
      ["DaemonSet", "helm_release.extras DaemonSet/tools/agent", "tools", "helm_release.extras#DaemonSet/tools/agent"],
    ]);
  });

  it("follows references and names to ConfigMaps, Services and HPA targets", () => {
    const api = workloads(ctx)[0];
    const cm = findNamed(ctx, "ConfigMap", "shop", api.containers[0].envFrom[0].configMapRef && (api.containers[0].envFrom[0].configMapRef as { name: string }).name);
    expect(cm && configMapData(ctx, cm)).toEqual({ LOG_FORMAT: "json" });
    const svc = services(ctx)[0];
    expect(svc.ports).toEqual([{ port: 80, targetPort: "8080" }]);
    expect(serviceTargets(ctx, svc).map((w) => w.at)).toEqual(["kubernetes_deployment_v1.api"]);
    expect(hpas(ctx).map((h) => [h.at, h.minReplicas, h.target?.at])).toEqual([["kubernetes_manifest.hpa", 2, "kubernetes_deployment_v1.api"]]);
  });

  it("objects of a release without a namespace live in the release's namespace", () => {
    expect(ingresses(base).map((i) => [i.at, i.namespace, i.ruleHosts])).toEqual([["helm_release.extras Ingress/tools/web", "tools", ["a.example.com"]]]);
  });
});

describe("a rendered release", () => {
  it("replaces the objects its values were read to carry: the render is what would be applied", () => {
    const base = createRuleContext(json);
    expect(base.objects.filter((o) => o.address === "helm_release.extras").map((o) => o.origin)).toEqual(["helm-values"]);
    const ctx = createRuleContext(json, { extraObjects: [renderedPod(base.get("helm_release.extras")!)] });
    expect(ctx.objects.filter((o) => o.address === "helm_release.extras").map((o) => [o.origin, o.objectRef])).toEqual([
      ["helm-rendered", "DaemonSet/tools/agent"],
    ]);
  });
});
