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
    expect(run(eolComponentRule, json).messages).toEqual([
      "helm_release.promtail installs chart promtail@6.17.1, end of life since 2026-03-02; " +
        "its chart is marked deprecated by its maintainers (Chart.yaml `deprecated: true` since 6.17.1).",
    ]);
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

  it("reports the deprecated Promtail chart and its end of life in one finding, from the data table", () => {
    const json = secureStack();
    json.resource.helm_release.promtail = { ...meta("promtail"), name: "promtail", chart: "https://grafana.github.io/helm-charts/promtail", version: "6.17.1" };
    const out = run(eolComponentRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.messages[0]).toContain("end of life since 2026-03-02");
    expect(out.messages[0]).toContain("marked deprecated");
    expect(out.findings[0].remediation).toBe("Replace Promtail with Grafana Alloy (chart alloy).");
  });

  describe("cert-manager support window (two newest minor lines: 1.21, 1.20)", () => {
    function withCertManager(version: string) {
      const json = secureStack();
      json.resource.helm_release.cert_manager = {
        ...meta("cert_manager"), name: "cert-manager", repository: "https://charts.jetstack.io", chart: "cert-manager", version, namespace: "cert-manager",
      };
      return run(eolComponentRule, json);
    }

    it("reports v1.18.2 as out of support and names the supported lines", () => {
      const out = withCertManager("v1.18.2");
      expect(out.findings).toHaveLength(1);
      expect(out.findings[0]).toMatchObject({ ruleId: "RS-EOL-COMPONENT", address: "helm_release.cert_manager" });
      expect(out.messages[0]).toBe(
        "helm_release.cert_manager installs chart cert-manager@v1.18.2, release line 1.18 is out of support; supported lines are 1.21 and 1.20 " +
          "(cert-manager supports its two newest minor release lines; as of 2026-08-21).",
      );
      expect(out.findings[0].remediation).toBe("Upgrade cert-manager to a supported release line: cert-manager v1.21 (the newest release line).");
    });

    it("reports v1.19.x too: one line behind the window is already out", () => {
      expect(withCertManager("v1.19.6").messages).toEqual([expect.stringContaining("release line 1.19 is out of support")]);
    });

    it("passes v1.21.1, v1.20.3 and a line newer than the data knows", () => {
      for (const v of ["v1.21.1", "v1.20.3", "v1.22.0", "1.21.1"]) {
        const out = withCertManager(v);
        expect(out.findings).toEqual([]);
        expect(out.evidence).toContain("helm_release.cert_manager");
      }
    });
  });

  it("the level is recommended (an error only under strict)", () => {
    expect(eolComponentRule.level).toBe("recommended");
    expect(eolComponentRule.id).toBe("RS-EOL-COMPONENT");
  });
});
