import { secNetpolCoverageRule } from "../../../lib/readiness/rules/sec-netpol-coverage";
import { labels, res, run, secureStack } from "./support/fixtures";

describe("RS-SEC-NETPOL-COVERAGE", () => {
  it("passes when a default-deny policy (empty pod_selector) covers the namespace", () => {
    const out = run(secNetpolCoverageRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toContain("kubernetes_network_policy_v1.deny");
  });

  it("reports workloads no policy selects when the only policy selects the API pods", () => {
    const json = secureStack();
    json.resource.kubernetes_network_policy_v1 = { deny: res(json, "kubernetes_network_policy_v1", "deny") };
    res(json, "kubernetes_network_policy_v1", "deny").spec.pod_selector = { match_labels: labels("api", "api") };
    const out = run(secNetpolCoverageRule, json);
    expect(out.findings.map((f) => f.address)).toEqual([
      "kubernetes_deployment_v1.redis",
      "kubernetes_stateful_set_v1.postgres",
      "kubernetes_job_v1.migrate",
      "kubernetes_cron_job_v1.backup",
      "kubernetes_cron_job_v1.verify",
    ]);
    expect(out.findings[0].ruleId).toBe("RS-SEC-NETPOL-COVERAGE");
    expect(out.messages[0]).toContain("kubernetes_deployment_v1.redis pods {app.kubernetes.io/name=redis");
    expect(out.messages[0]).toContain("in namespace shop are selected by no NetworkPolicy");
  });

  it("does not let a policy of another namespace cover the workloads", () => {
    const json = secureStack();
    json.resource.kubernetes_network_policy_v1 = { deny: res(json, "kubernetes_network_policy_v1", "deny") };
    res(json, "kubernetes_network_policy_v1", "deny").metadata.namespace = "other";
    expect(run(secNetpolCoverageRule, json).findings).toHaveLength(6);
  });
});
