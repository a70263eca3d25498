import { noSecretLiteralsRule } from "../../../lib/readiness/rules/no-secret-literals";
import { mainContainer, res, run, secureStack } from "./support/fixtures";

describe("RS-NO-SECRET-LITERALS", () => {
  it("passes secret_key_ref env, generated Secret data and password-free Helm values", () => {
    const out = run(noSecretLiteralsRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(expect.arrayContaining(["kubernetes_deployment_v1.api", "kubernetes_secret_v1.db", "helm_release.loki"]));
  });

  it("reports a literal password env var without printing it", () => {
    const json = secureStack();
    mainContainer(res(json, "kubernetes_deployment_v1", "api")).env[2] = { name: "PGPASSWORD", value: "hunter2hunter2" };
    const out = run(noSecretLiteralsRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-NO-SECRET-LITERALS", address: "kubernetes_deployment_v1.api" });
    expect(out.messages[0]).toBe('kubernetes_deployment_v1.api container "api" sets secret env PGPASSWORD to a literal value instead of a valueFrom.secretKeyRef.');
    expect(out.messages[0]).not.toContain("hunter2");
  });

  it("reports literal Secret data and Helm password values; ignores empty strings, pointers and coordinates", () => {
    const json = secureStack();
    res(json, "kubernetes_secret_v1", "db").data.password = "s3cr3t";
    res(json, "kubernetes_secret_v1", "db").data.api_token = "";
    res(json, "helm_release", "loki").values.push("grafana:\n  adminPassword: admin123\n  existingSecret: grafana\n  passwordKey: pw\n");
    expect(run(noSecretLiteralsRule, json).messages).toEqual([
      'kubernetes_secret_v1.db stringData["password"] holds a literal value (6 characters) in the Terraform JSON.',
      "helm_release.loki Helm value grafana.adminPassword holds a literal value (8 characters).",
    ]);
  });

  it("reports a secret env var read from a ConfigMap, and a set entry with a literal token", () => {
    const json = secureStack();
    mainContainer(res(json, "kubernetes_deployment_v1", "api")).env[2] = { name: "PGPASSWORD", value_from: { config_map_key_ref: { name: "cfg", key: "pw" } } };
    res(json, "helm_release", "alloy").set = [{ name: "remote.token", value: "abc" }];
    expect(run(noSecretLiteralsRule, json).messages).toEqual([
      'kubernetes_deployment_v1.api container "api" reads secret env PGPASSWORD from a ConfigMap (valueFrom.configMapKeyRef).',
      "helm_release.alloy Helm value remote.token holds a literal value (3 characters).",
    ]);
  });
});
