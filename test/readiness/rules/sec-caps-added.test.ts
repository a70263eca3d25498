import { secCapsAddedRule } from "../../../lib/readiness/rules/sec-caps-added";
import { secCapsDroppedRule } from "../../../lib/readiness/rules/sec-caps-dropped";
import { run } from "./support/fixtures";
import { container, deploymentObject, manifestStack } from "./support/manifests";

function withAdd(add: string[]) {
  const c = container("api");
  c.securityContext.capabilities = { drop: ["ALL"], add };
  return manifestStack({ api: deploymentObject("api", { podSpec: { containers: [c] } }) });
}

describe("RS-SEC-CAPS-ADDED", () => {
  it("passes drop ALL with NET_BIND_SERVICE added back", () => {
    const out = run(secCapsAddedRule, withAdd(["NET_BIND_SERVICE"]));
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.api"]);
  });

  it("reports drop ALL + add SYS_ADMIN", () => {
    const out = run(secCapsAddedRule, withAdd(["NET_BIND_SERVICE", "SYS_ADMIN", "CAP_NET_ADMIN"]));
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-CAPS-ADDED", address: "kubernetes_manifest.api" });
    expect(out.messages[0]).toBe(
      'kubernetes_manifest.api container "api": spec.template.spec.containers[0].securityContext.capabilities.add includes "SYS_ADMIN", "CAP_NET_ADMIN" (only "NET_BIND_SERVICE" is allowed).',
    );
  });

  it("keeps RS-SEC-CAPS-DROPPED as it is: that rule looks at drop only", () => {
    expect(secCapsDroppedRule.id).toBe("RS-SEC-CAPS-DROPPED");
  });
});
