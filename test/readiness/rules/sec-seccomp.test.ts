import { secSeccompRule } from "../../../lib/readiness/rules/sec-seccomp";
import { run } from "./support/fixtures";
import { container, cronJobObject, deploymentObject, manifestStack } from "./support/manifests";

describe("RS-SEC-SECCOMP", () => {
  it("passes a pod-level RuntimeDefault profile, and containers that each set Localhost", () => {
    const bare = container("api");
    delete bare.securityContext.seccompProfile;
    const local = container("worker");
    local.securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/worker.json" };
    const json = manifestStack({
      api: deploymentObject("api", { podSpec: { containers: [bare] } }),
      worker: deploymentObject("worker", { podSpec: { securityContext: { runAsNonRoot: true }, containers: [local] } }),
    });
    const out = run(secSeccompRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.api", "kubernetes_manifest.worker"]);
  });

  it("reports a container without any profile, and one that opts out with Unconfined", () => {
    const bare = container("backup");
    delete bare.securityContext.seccompProfile;
    const unconfined = container("api");
    unconfined.securityContext.seccompProfile = { type: "Unconfined" };
    const json = manifestStack({
      backup: cronJobObject("backup", { podSpec: { securityContext: { runAsNonRoot: true }, containers: [bare] } }),
      api: deploymentObject("api", { podSpec: { containers: [unconfined] } }),
    });
    const out = run(secSeccompRule, json);
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_manifest.backup", "kubernetes_manifest.api"]);
    expect(out.findings[0].ruleId).toBe("RS-SEC-SECCOMP");
    expect(out.messages[0]).toBe(
      'kubernetes_manifest.backup container "backup": neither spec.jobTemplate.spec.template.spec.securityContext.seccompProfile.type nor spec.jobTemplate.spec.template.spec.containers[0].securityContext.seccompProfile.type is set (needs RuntimeDefault or Localhost).',
    );
    expect(out.messages[1]).toBe(
      'kubernetes_manifest.api container "api": spec.template.spec.containers[0].securityContext.seccompProfile.type = "Unconfined" (needs RuntimeDefault or Localhost).',
    );
  });
});
