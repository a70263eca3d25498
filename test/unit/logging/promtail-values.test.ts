import { parse } from "yaml";
import { PROMTAIL_LIVENESS_PROBE, PROMTAIL_READINESS_PROBE, promtailValues } from "../../../lib/logging/promtail-values";

type Json = Record<string, any>;

const v = promtailValues({
  releaseName: "promtail",
  pushUrl: "http://loki.logs.svc.cluster.local:3100/loki/api/v1/push",
  namespaces: ["shop"],
  resources: { cpuRequest: "50m", memoryRequest: "64Mi", cpuLimit: "500m", memoryLimit: "256Mi" },
}) as Json;

describe("promtailValues (grafana promtail chart 6.17.1)", () => {
  test("the server config turns off health_check_target, so /ready does not wait for a tailed file", () => {
    expect(parse(v.config.snippets.extraServerConfigs)).toEqual({ health_check_target: false });
  });

  test("readiness on /ready; liveness is a TCP check, not tied to tailing a file", () => {
    expect(v.readinessProbe).toEqual(PROMTAIL_READINESS_PROBE);
    expect(v.readinessProbe.httpGet).toEqual({ path: "/ready", port: "http-metrics" });
    expect(v.livenessProbe).toEqual(PROMTAIL_LIVENESS_PROBE);
    expect(v.livenessProbe.tcpSocket).toEqual({ port: "http-metrics" });
    expect(v.livenessProbe.httpGet).toBeUndefined();
  });

  test("pushes to Loki and scrapes only the given namespaces", () => {
    expect(v.config.clients).toEqual([{ url: "http://loki.logs.svc.cluster.local:3100/loki/api/v1/push" }]);
    expect(parse(v.config.snippets.scrapeConfigs)[0].kubernetes_sd_configs).toEqual([{ role: "pod", namespaces: { names: ["shop"] } }]);
    expect(v.daemonset.enabled).toBe(true);
    expect(v.deployment.enabled).toBe(false);
  });
});
