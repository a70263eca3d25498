import { secHostPortRule } from "../../../lib/readiness/rules/sec-host-port";
import { run } from "./support/fixtures";
import { container, deploymentObject, manifestStack } from "./support/manifests";

describe("RS-SEC-HOST-PORT", () => {
  it("passes containers with container ports only", () => {
    const out = run(secHostPortRule, manifestStack({ api: deploymentObject("api") }));
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.api"]);
  });

  it("reports a hostPort, init containers included", () => {
    const json = manifestStack({
      api: deploymentObject("api", {
        podSpec: { initContainers: [container("init", { ports: [{ containerPort: 9000, hostPort: 9000 }] })] },
      }),
    });
    const out = run(secHostPortRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-HOST-PORT", address: "kubernetes_manifest.api" });
    expect(out.messages[0]).toBe(
      'kubernetes_manifest.api init container "init": spec.template.spec.initContainers[0].ports[0].hostPort = 9000 binds a port of the node.',
    );
  });
});
