import { probesRule } from "../../../lib/readiness/rules/probes";
import { deployment, mainContainer, res, run, secureContainer, secureStack, tf } from "./support/fixtures";

describe("RS-PROBES", () => {
  it("passes long-running containers with readiness and liveness probes on declared ports", () => {
    const out = run(probesRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(expect.arrayContaining(["kubernetes_deployment_v1.api", "kubernetes_stateful_set_v1.postgres"]));
  });

  it("reports a container without liveness probe, naming address and container", () => {
    const json = secureStack();
    delete mainContainer(res(json, "kubernetes_deployment_v1", "api")).liveness_probe;
    const out = run(probesRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-PROBES", address: "kubernetes_deployment_v1.api", constructPath: "test/api" });
    expect(out.messages[0]).toContain('kubernetes_deployment_v1.api container "api" has no livenessProbe');
  });

  it("reports probes on a port name or number the container does not declare", () => {
    const c = secureContainer("web", {
      readiness_probe: { http_get: { path: "/", port: "metrics" } },
      liveness_probe: { tcp_socket: { port: 9090 } },
    });
    const out = run(probesRule, tf({ kubernetes_deployment_v1: { web: deployment("web", { containers: [c] }) } }));
    expect(out.messages).toEqual([
      expect.stringContaining('readinessProbe.httpGet.port "metrics" names no port of container "web"'),
      expect.stringContaining("livenessProbe.tcpSocket.port 9090 is not a containerPort"),
    ]);
  });

  it("does not ask Jobs and CronJobs for probes; reads hand-written array-wrapped blocks", () => {
    expect(run(probesRule, secureStack()).evidence).not.toContain("kubernetes_cron_job_v1.backup");
    const c = secureContainer("web");
    const wrapped = { ...c, readiness_probe: [c.readiness_probe], liveness_probe: undefined };
    const handWritten = { metadata: [{ name: "web" }], spec: [{ template: [{ metadata: [{}], spec: [{ container: [wrapped] }] }] }] };
    expect(run(probesRule, tf({ kubernetes_deployment: { web: handWritten } })).messages).toEqual([
      'kubernetes_deployment.web container "web" has no livenessProbe (missing).',
    ]);
  });
});
