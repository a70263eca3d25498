import { createRuleContext } from "../../../lib/readiness/context";
import { migrationsJobRule } from "../../../lib/readiness/rules/migrations-job";
import { deployment, res, run, secureContainer, secureStack, tf } from "./support/fixtures";

describe("RS-MIGRATIONS-JOB", () => {
  it("passes a waited-for migrations Job that the API depends on", () => {
    const out = run(migrationsJobRule, secureStack());
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_job_v1.migrate", "kubernetes_deployment_v1.api"]);
  });

  it("reports an API Deployment that does not depend on the Job", () => {
    const json = secureStack();
    res(json, "kubernetes_deployment_v1", "api").depends_on = ["kubernetes_config_map_v1.redis"];
    const out = run(migrationsJobRule, json);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: "RS-MIGRATIONS-JOB", address: "kubernetes_deployment_v1.api" });
    expect(out.messages[0]).toBe(
      "kubernetes_deployment_v1.api does not depend on the migrations Job (depends_on = [kubernetes_config_map_v1.redis]).",
    );
  });

  it("reports wait_for_completion = false", () => {
    const json = secureStack();
    res(json, "kubernetes_job_v1", "migrate").wait_for_completion = false;
    expect(run(migrationsJobRule, json).messages).toEqual([
      "kubernetes_job_v1.migrate has wait_for_completion = false: Terraform does not wait for the migrations to finish.",
    ]);
  });

  it("reports a stack with Postgres but without a migrations Job; unmarked Deployments are not the API", () => {
    const db = deployment("db", { component: "database", containers: [secureContainer("postgres", { image: "postgres:17.6-bookworm" })] });
    const out = run(migrationsJobRule, tf({ kubernetes_deployment_v1: { web: deployment("web"), db } }));
    expect(out.messages).toEqual([expect.stringContaining("No migrations Job")]);
    const json = secureStack();
    const api = res(json, "kubernetes_deployment_v1", "api");
    api["//"].readystack = {};
    api.metadata.labels["app.kubernetes.io/component"] = "web";
    api.spec.template.metadata.labels["app.kubernetes.io/component"] = "web";
    api.depends_on = [];
    // Roles, not guesses: a Deployment nobody marks as the API is not asked to wait for the migrations.
    expect(run(migrationsJobRule, json).findings).toEqual([]);
  });

  it("is not applicable without Postgres, and applies as soon as the stack runs one", () => {
    const json = tf({ kubernetes_deployment_v1: { web: deployment("web", { component: "api" }) } });
    const ctx = createRuleContext(json);
    expect(migrationsJobRule.check(ctx).applicable).toBe(false);
    expect(migrationsJobRule.check(ctx).findings).toEqual([]);
    const db = deployment("db", { component: "database", containers: [secureContainer("postgres", { image: "postgres:17.6-bookworm" })] });
    const withDb = tf({ kubernetes_deployment_v1: { web: deployment("web", { component: "api" }), db } });
    const out = migrationsJobRule.check(createRuleContext(withDb));
    expect(out.applicable).not.toBe(false);
    expect(out.findings.map((f) => f.message)).toEqual([expect.stringContaining("No migrations Job")]);
  });
});
