import { serviceExposureRule } from "../../../lib/readiness/rules/service-exposure";
import { run } from "./support/fixtures";
import { appLabels, deploymentObject, manifestStack, serviceObject } from "./support/manifests";

describe("RS-SERVICE-EXPOSURE", () => {
  it("passes ClusterIP Services and the ingress controller's LoadBalancer", () => {
    const json = manifestStack({
      api: deploymentObject("api"),
      api_svc: serviceObject("api", appLabels("api")),
      traefik: deploymentObject("traefik", { labels: appLabels("traefik", "controller") }),
      traefik_svc: serviceObject("traefik", appLabels("traefik", "controller"), { type: "LoadBalancer" }),
    });
    const out = run(serviceExposureRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.api_svc", "kubernetes_manifest.traefik_svc"]);
  });

  it("reports a NodePort Service of an application", () => {
    const json = manifestStack({
      api: deploymentObject("api"),
      api_svc: serviceObject("api", appLabels("api"), { type: "NodePort", ports: [{ port: 80, targetPort: "http", nodePort: 30080 }] }),
    });
    const out = run(serviceExposureRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SERVICE-EXPOSURE", address: "kubernetes_manifest.api_svc", severity: "warning" });
    expect(out.messages[0]).toBe('kubernetes_manifest.api_svc: spec.type = "NodePort" (nodePort 30080) exposes the Service outside the cluster.');
  });
});
