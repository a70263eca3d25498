import { logAggregationRule } from "../../../lib/readiness/rules/log-aggregation";
import { meta, res, run, secureStack } from "./support/fixtures";

describe("RS-LOG-AGGREGATION", () => {
  it("passes Loki plus an Alloy shipper that discovers the API namespace", () => {
    const out = run(logAggregationRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["helm_release.loki", "helm_release.alloy"]);
  });

  it("reports a shipper restricted to other namespaces", () => {
    const json = secureStack();
    res(json, "helm_release", "alloy")["//"].readystack = { targetNamespaces: ["kube-system"] };
    const out = run(logAggregationRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-LOG-AGGREGATION", address: "helm_release.alloy" });
    expect(out.messages[0]).toBe(
      "helm_release.alloy (alloy) only collects namespaces [kube-system], not the API namespace(s) shop; no other shipper does.",
    );
  });

  it("reads promtail kubernetes_sd_configs namespaces, and reports a missing Loki", () => {
    const json = secureStack();
    delete json.resource.helm_release.alloy;
    delete json.resource.helm_release.loki;
    json.resource.helm_release.promtail = {
      ...meta("promtail"), name: "promtail", chart: "promtail", version: "6.17.0",
      values: ["config:\n  snippets:\n    scrapeConfigs: |\n      - job_name: pods\n        kubernetes_sd_configs:\n          - role: pod\n            namespaces:\n              names: [web]\n"],
    };
    expect(run(logAggregationRule, json).messages).toEqual([
      "No Loki: no helm_release of chart loki and no workload running grafana/loki.",
      "helm_release.promtail (promtail) only collects namespaces [web], not the API namespace(s) shop; no other shipper does.",
    ]);
  });
});
