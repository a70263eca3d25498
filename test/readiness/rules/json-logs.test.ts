import { jsonLogsRule } from "../../../lib/readiness/rules/json-logs";
import { mainContainer, meta, NS, res, run, secureStack } from "./support/fixtures";

describe("RS-JSON-LOGS", () => {
  it("passes LOG_FORMAT=json and an Alloy pipeline with stage.json", () => {
    const out = run(jsonLogsRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_deployment_v1.api", "helm_release.alloy"]);
  });

  it("reports an API container logging text", () => {
    const json = secureStack();
    mainContainer(res(json, "kubernetes_deployment_v1", "api")).env[0].value = "text";
    const out = run(jsonLogsRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-JSON-LOGS", address: "kubernetes_deployment_v1.api" });
    expect(out.messages[0]).toBe('kubernetes_deployment_v1.api container "api": LOG_FORMAT is "text" (from env); JSON logs need LOG_FORMAT=json.');
  });

  it("follows LOG_FORMAT into a ConfigMap loaded with env_from", () => {
    const json = secureStack();
    const c = mainContainer(res(json, "kubernetes_deployment_v1", "api"));
    c.env = c.env.filter((e: { name: string }) => e.name !== "LOG_FORMAT");
    c.env_from = [{ config_map_ref: { name: "${kubernetes_config_map_v1.api.metadata[0].name}" } }];
    json.resource.kubernetes_config_map_v1.api = { ...meta("api-cm"), metadata: { name: "api", namespace: NS }, data: { LOG_FORMAT: "json" } };
    expect(run(jsonLogsRule, json).findings).toEqual([]);
    json.resource.kubernetes_config_map_v1.api.data.LOG_FORMAT = "logfmt";
    expect(run(jsonLogsRule, json).messages).toEqual([expect.stringContaining('LOG_FORMAT is "logfmt" (from kubernetes_config_map_v1.api)')]);
  });

  it("reports a Promtail release without a json pipeline stage, and accepts one with it", () => {
    const json = secureStack();
    delete json.resource.helm_release.alloy;
    json.resource.helm_release.promtail = { ...meta("promtail"), name: "promtail", chart: "promtail", version: "6.17.0", values: ["config:\n  snippets:\n    pipelineStages:\n      - cri: {}\n"] };
    expect(run(jsonLogsRule, json).messages).toEqual(["helm_release.promtail (promtail) does not parse JSON: no json stage in pipeline_stages."]);
    json.resource.helm_release.promtail.values = ["config:\n  snippets:\n    pipelineStages:\n      - cri: {}\n      - json:\n          expressions:\n            level: level\n"];
    expect(run(jsonLogsRule, json).findings).toEqual([]);
  });
});
