import { secHostPathRule } from "../../../lib/readiness/rules/sec-host-path";
import { run } from "./support/fixtures";
import { deploymentObject, manifestStack, podSpec, workload } from "./support/manifests";

describe("RS-SEC-HOST-PATH", () => {
  it("passes emptyDir and PVC volumes", () => {
    const json = manifestStack({
      api: deploymentObject("api", { podSpec: { volumes: [{ name: "tmp", emptyDir: {} }, { name: "data", persistentVolumeClaim: { claimName: "data" } }] } }),
    });
    const out = run(secHostPathRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.api"]);
  });

  it("reports a hostPath volume with its field path and node path", () => {
    const json = manifestStack({
      shipper: workload("DaemonSet", "shipper", { podSpec: { volumes: [{ name: "tmp", emptyDir: {} }, { name: "logs", hostPath: { path: "/var/log" } }] } }),
    });
    const out = run(secHostPathRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-HOST-PATH", address: "kubernetes_manifest.shipper" });
    expect(out.messages[0]).toBe(
      'kubernetes_manifest.shipper: spec.template.spec.volumes[1].hostPath (volume "logs", path /var/log) mounts a directory of the node.',
    );
  });

  it("checks a bare Pod at spec.volumes", () => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "debug", namespace: "shop" }, spec: podSpec({ volumes: [{ name: "root", hostPath: { path: "/" } }] }) };
    const out = run(secHostPathRule, manifestStack({ debug: pod }));
    expect(out.messages[0]).toContain("kubernetes_manifest.debug: spec.volumes[0].hostPath");
  });
});
