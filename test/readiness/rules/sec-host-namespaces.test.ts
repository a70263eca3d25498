import { secHostNamespacesRule } from "../../../lib/readiness/rules/sec-host-namespaces";
import { createRuleContext } from "../../../lib/readiness/context";
import { run } from "./support/fixtures";
import { deploymentObject, manifestStack, workload } from "./support/manifests";

describe("RS-SEC-HOST-NAMESPACES", () => {
  it("passes pods that keep their own namespaces", () => {
    const out = run(secHostNamespacesRule, manifestStack({ api: deploymentObject("api") }));
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.api"]);
  });

  it("reports hostNetwork and hostPID, naming the object and the fields", () => {
    const json = manifestStack({ agent: workload("DaemonSet", "agent", { podSpec: { hostNetwork: true, hostPID: true, hostIPC: false } }) });
    const out = run(secHostNamespacesRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-SEC-HOST-NAMESPACES", address: "kubernetes_manifest.agent", severity: "error" });
    expect(out.messages[0]).toBe(
      "kubernetes_manifest.agent: spec.template.spec.hostNetwork, spec.template.spec.hostPID are true (the pod shares the node's namespaces).",
    );
  });

  it("is not applicable to a stack without workloads", () => {
    expect(secHostNamespacesRule.check(createRuleContext({})).applicable).toBe(false);
  });
});
