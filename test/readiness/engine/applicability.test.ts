import { readFileSync } from "fs";
import { join } from "path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { createRuleContext } from "../../../lib/readiness/context";
import { buildCoverage } from "../../../lib/readiness/coverage";
import { NOTHING_ANALYSED_ID, runReadiness } from "../../../lib/readiness/engine";
import { renderConsole } from "../../../lib/readiness/reports/console";
import { renderJson } from "../../../lib/readiness/reports/json";
import { renderMarkdown } from "../../../lib/readiness/reports/markdown";
import { renderSarif } from "../../../lib/readiness/reports/sarif";
import type { Rule, TerraformJson } from "../../../lib/readiness/types";
import { passRule } from "./helpers";

/** One API Deployment (marked as the API by its component label) and nothing else: no database, no Redis, no Ingress. */
const apiOnly: TerraformJson = {
  resource: {
    kubernetes_deployment_v1: {
      api: {
        metadata: { name: "api", namespace: "web", labels: { "app.kubernetes.io/component": "api" } },
        spec: {
          replicas: 2,
          selector: { match_labels: { app: "api" } },
          template: { metadata: { labels: { app: "api" } }, spec: { container: [{ name: "api", image: "ghcr.io/acme/api:1.2.3" }] } },
        },
      },
    },
  },
};

function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "sarif-schema-2.1.0.json"), "utf8"));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe("not-applicable criteria", () => {
  // The built-in rules of the readystack pack over a stack with no Redis and no Ingress.
  const result = runReadiness(apiOnly, { pack: "readystack" });
  const redis = result.criteria.find((c) => c.id === "redis")!;
  const ingress = result.criteria.find((c) => c.id === "https-ingress")!;

  it("marks the database criteria, Redis and HTTPS ingress n/a, never met, and leaves them out of x/6 and y/5", () => {
    expect(redis).toMatchObject({ status: "not-applicable", label: "n/a", evidence: [], findings: [] });
    expect(ingress).toMatchObject({ status: "not-applicable", label: "n/a" });
    expect(result.scorecard.mandatory.notApplicableCriteria).toEqual(["migrations", "redis"]);
    expect(result.scorecard.mandatory.applicable).toBe(4);
    expect(result.scorecard.recommended.notApplicableCriteria).toEqual(["https-ingress", "backups-validated"]);
    expect(result.scorecard.recommended.applicable).toBe(3);
    expect(result.scorecard.mandatory.met).toBeLessThanOrEqual(5);
    expect(result.rules.find((r) => r.id === "RS-REDIS-PRODUCTION")?.applicable).toBe(false);
  });

  it("shows n/a in the console scorecard", () => {
    const text = renderConsole(result);
    expect(text).toMatch(/mandatory \d\/4 \(n\/a: Migrations run automatically, Redis production-ready\)/);
    expect(text).toMatch(/recommended \d\/3 \(n\/a: HTTPS ingress, Backups validated\)/);
    expect(text).toContain("  n/a Redis production-ready (not applicable: the stack has none of it)");
    expect(text).toContain("  n/a HTTPS ingress (not applicable: the stack has none of it)");
    expect(text).not.toContain("✔ Redis production-ready");
  });

  it("shows n/a in readiness.json", () => {
    const doc = JSON.parse(renderJson(result));
    const byId = new Map(doc.criteria.map((c: { id: string }) => [c.id, c]));
    expect(byId.get("redis")).toMatchObject({ status: "not-applicable", label: "n/a" });
    expect(byId.get("https-ingress")).toMatchObject({ status: "not-applicable", label: "n/a" });
    expect(doc.scorecard.mandatory).toMatchObject({ notApplicable: 2, notApplicableCriteria: ["migrations", "redis"], applicable: 4, total: 6 });
  });

  it("shows n/a in readiness.md", () => {
    const md = renderMarkdown(result);
    expect(md).toContain("| 3 | Redis production-ready | mandatory | ➖ n/a |");
    expect(md).toContain("| 8 | HTTPS ingress | recommended | ➖ n/a |");
    expect(md).toContain("### Redis production-ready — ➖ n/a");
    expect(md).toMatch(/- Mandatory \d\/4 \(n\/a: Migrations run automatically, Redis production-ready\)/);
  });

  it("shows n/a in readiness.sarif (run properties), which still validates against SARIF 2.1.0", () => {
    const log = JSON.parse(renderSarif(result));
    const props = log.runs[0].properties;
    expect(props.criteria.redis).toBe("n/a");
    expect(props.criteria["https-ingress"]).toBe("n/a");
    expect(props.notApplicable).toEqual(["migrations", "redis", "https-ingress", "backups-validated"]);
    const validate = sarifValidator();
    expect(validate(log)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it("takes a rule's own applicable: false over its evidence, and true over an empty outcome", () => {
    const says = (id: string, applicable: boolean, evidence: string[] = []): Rule => ({ ...passRule(id, "redis", evidence), check: () => ({ findings: [], evidence, applicable }) });
    const na = runReadiness(apiOnly, { rules: [says("T-A", false, ["kubernetes_deployment_v1.api"])] });
    expect(na.criteria.find((c) => c.id === "redis")?.status).toBe("not-applicable");
    const met = runReadiness(apiOnly, { rules: [says("T-A", true)] });
    expect(met.criteria.find((c) => c.id === "redis")?.status).toBe("met");
    const mixed = runReadiness(apiOnly, { rules: [says("T-A", false), says("T-B", true)] });
    expect(mixed.criteria.find((c) => c.id === "redis")?.status).toBe("met");
    // A finding makes a rule applicable whatever it says.
    const finding: Rule = { ...passRule("T-C", "redis"), check: () => ({ findings: [{ message: "bad" }], evidence: [], applicable: false }) };
    expect(runReadiness(apiOnly, { rules: [finding] }).criteria.find((c) => c.id === "redis")?.status).toBe("unmet");
  });
});

describe("coverage", () => {
  const mixed: TerraformJson = {
    module: { vpc: { source: "terraform-aws-modules/vpc/aws" } },
    resource: {
      aws_s3_bucket: { logs: {}, assets: {} },
      google_sql_database_instance: { db: {} },
      kubernetes_deployment_v1: apiOnly.resource!.kubernetes_deployment_v1,
      kubernetes_annotations: { api: { api_version: "v1", kind: "ServiceAccount", metadata: { name: "api" }, annotations: { team: "shop" } } },
      random_password: { db: { length: 32 } },
      helm_release: {
        app: { name: "app", chart: "app", version: "1.0.0", values: ["replicas: 2\npassword: ${random_password.db.result}\n", "${var.extra_values}"] },
      },
    },
  };
  const result = runReadiness(mixed, { rules: [] });

  it("counts what was analysed by type", () => {
    expect(result.coverage).toMatchObject({
      resources: 3,
      resourcesByType: { helm_release: 1, kubernetes_deployment_v1: 1, random_password: 1 },
      otherProviders: { aws: 2, google: 1 },
      nothingAnalysed: false,
    });
  });

  it("names each module call, unknown type and unresolved helm values one by one, with the reason", () => {
    expect(result.coverage.notAnalysed).toEqual([
      { address: "module.vpc", reason: "module calls are not followed (source terraform-aws-modules/vpc/aws)" },
      { address: "kubernetes_annotations.api", reason: "no rule or normalizer reads kubernetes_annotations resources" },
      {
        address: "helm_release.app",
        reason: "values[1] ${var.extra_values} does not resolve (the reference var.extra_values is not constant); the objects and settings it holds are not analysed",
      },
    ]);
  });

  it("appears in every report", () => {
    expect(renderConsole(result)).toContain("    not analysed: module.vpc: module calls are not followed (source terraform-aws-modules/vpc/aws)");
    expect(renderConsole(result)).toContain("3 resource(s) of other providers, not Kubernetes (aws 2, google 1)");
    const md = renderMarkdown(result);
    expect(md).toContain("## Coverage");
    expect(md).toContain("| `kubernetes_annotations.api` | — | no rule or normalizer reads kubernetes_annotations resources |");
    expect(md).toContain("| `kubernetes_deployment_v1` | 1 |");
    expect(JSON.parse(renderJson(result)).coverage.notAnalysed).toHaveLength(3);
    expect(JSON.parse(renderSarif(result)).runs[0].properties.coverage.notAnalysed).toHaveLength(3);
  });

  it("adds what normalizers report through ctx.notAnalysed, once each", () => {
    const ctx = Object.assign(createRuleContext(mixed), {
      notAnalysed: [
        { address: "helm_release.app", objectRef: "ConfigMap/web/app", reason: "its data is a Helm template that does not resolve" },
        { address: "module.vpc", reason: "module calls are not followed (source terraform-aws-modules/vpc/aws)" },
      ],
    });
    const coverage = buildCoverage(mixed, ctx);
    expect(coverage.notAnalysed).toHaveLength(4);
    expect(coverage.notAnalysed[3]).toEqual({ address: "helm_release.app", objectRef: "ConfigMap/web/app", reason: "its data is a Helm template that does not resolve" });
  });
});

describe("a stack with nothing to analyse", () => {
  it("fails with a clear message instead of passing, for module calls and other providers", () => {
    const json: TerraformJson = {
      terraform: { backend: { s3: { bucket: "state" } } },
      module: { eks: { source: "terraform-aws-modules/eks/aws" } },
      resource: { aws_s3_bucket: { logs: {} } },
    };
    const result = runReadiness(json, { rules: [passRule("T-BACKEND", "terraform-configured", ["terraform.backend"])] });
    expect(result.passed).toBe(false);
    expect(result.coverage.nothingAnalysed).toBe(true);
    const finding = result.findings.find((f) => f.ruleId === NOTHING_ANALYSED_ID)!;
    expect(finding.severity).toBe("error");
    expect(finding.message).toBe(
      "nothing was analysed: the stack has no Kubernetes resource or object the readiness rules can read " +
        "(it has 1 module call(s), not followed; 1 resource(s) of other providers (aws 1)), so no criterion can be shown met",
    );
    expect(renderConsole(result)).toContain("FAILED");
  });

  it("fails on an empty stack too, and passes as soon as one Kubernetes resource is read", () => {
    expect(runReadiness({ resource: {} }, { rules: [] }).findings.map((f) => f.message)).toEqual([
      "nothing was analysed: the stack has no Kubernetes resource or object the readiness rules can read (it has no resources), so no criterion can be shown met",
    ]);
    expect(runReadiness(apiOnly, { rules: [] }).passed).toBe(true);
  });
});
