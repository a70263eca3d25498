import { statefulsetHeadlessServiceRule } from "../../../lib/readiness/rules/statefulset-headless-service";
import { run } from "./support/fixtures";
import { appLabels, manifestStack, serviceObject, workload } from "./support/manifests";

describe("RS-STATEFULSET-HEADLESS-SERVICE", () => {
  it("passes a serviceName naming a headless Service", () => {
    const json = manifestStack({
      db: workload("StatefulSet", "db", { spec: { serviceName: "db-headless" } }),
      headless: serviceObject("db-headless", appLabels("db"), { clusterIP: "None" }),
      svc: serviceObject("db", appLabels("db")),
    });
    const out = run(statefulsetHeadlessServiceRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.db"]);
  });

  it("reports a ClusterIP governing Service, a missing Service and an unset serviceName", () => {
    const json = manifestStack({
      db: workload("StatefulSet", "db", { spec: { serviceName: "db" } }),
      svc: serviceObject("db", appLabels("db"), { type: "ClusterIP" }),
      cache: workload("StatefulSet", "cache", { spec: { serviceName: "cache-headless" } }),
      queue: workload("StatefulSet", "queue"),
    });
    const out = run(statefulsetHeadlessServiceRule, json);
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_manifest.db", "kubernetes_manifest.cache", "kubernetes_manifest.queue"]);
    expect(out.findings[0].ruleId).toBe("RS-STATEFULSET-HEADLESS-SERVICE");
    expect(out.messages[0]).toBe(
      'kubernetes_manifest.db: spec.serviceName "db" names kubernetes_manifest.svc, which is not headless (spec.clusterIP = unset, needs "None").',
    );
    expect(out.messages[1]).toBe('kubernetes_manifest.cache: spec.serviceName "cache-headless" names no Service in namespace shop.');
    expect(out.messages[2]).toBe("kubernetes_manifest.queue: spec.serviceName is unset, so its pods get no stable DNS names.");
  });
});
