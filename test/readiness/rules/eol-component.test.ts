import { eolComponentRule } from "../../../lib/readiness/rules/eol-component";
import { mainContainer, meta, res, run, secureStack } from "./support/fixtures";

describe("RS-EOL-COMPONENT", () => {
  it("passes Alloy, Traefik and supported images", () => {
    const out = run(eolComponentRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toContain("helm_release.alloy");
  });

  it("reports a Promtail release and names its replacement", () => {
    const json = secureStack();
    json.resource.helm_release.promtail = { ...meta("promtail"), name: "promtail", chart: "grafana/promtail", version: "6.17.0" };
    const out = run(eolComponentRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-EOL-COMPONENT", address: "helm_release.promtail" });
    expect(out.messages[0]).toBe("helm_release.promtail installs chart promtail@6.17.0, end of life since 2026-03-02.");
    expect(out.findings[0].remediation).toContain("Grafana Alloy");
  });

  it("reports a Promtail release once even when it also carries //.readystack.endOfLife { since, replacement }", () => {
    const json = secureStack();
    json.resource.helm_release.promtail = {
      ...meta("promtail", { endOfLife: { since: "2026-03-02", replacement: "Grafana Alloy" } }),
      name: "promtail", chart: "promtail", version: "6.17.1",
    };
    expect(run(eolComponentRule, json).messages).toEqual(["helm_release.promtail installs chart promtail@6.17.1, end of life since 2026-03-02."]);
    json.resource.helm_release.promtail.chart = "my-shipper";
    expect(run(eolComponentRule, json).messages).toEqual(["helm_release.promtail is marked end of life (//.readystack.endOfLife: 2026-03-02)."]);
  });

  it("reports ingress-nginx images and honours //.readystack.endOfLife dates", () => {
    const json = secureStack();
    mainContainer(res(json, "kubernetes_deployment_v1", "api")).image = "registry.k8s.io/ingress-nginx/controller:v1.12.1";
    res(json, "kubernetes_stateful_set_v1", "postgres")["//"].readystack = { endOfLife: { date: "2020-01-01", replacement: "postgres 17" } };
    res(json, "kubernetes_deployment_v1", "redis")["//"].readystack = { endOfLife: "2999-01-01" };
    res(json, "helm_release", "loki")["//"].readystack = { endOfLife: { since: "2999-01-01" } };
    expect(run(eolComponentRule, json).messages).toEqual([
      'kubernetes_deployment_v1.api container "api" runs image "registry.k8s.io/ingress-nginx/controller:v1.12.1" (ingress-nginx), end of life since 2026-03 (retired).',
      "kubernetes_stateful_set_v1.postgres is marked end of life (//.readystack.endOfLife: 2020-01-01).",
    ]);
  });
});
