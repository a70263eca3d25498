import { migrationsJobRule } from "../../../lib/readiness/rules/migrations-job";
import { deployment, res, run, secureStack, tf } from "./support/fixtures";

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

  it("reports a stack without a migrations Job; with no API marked, every Deployment counts", () => {
    const out = run(migrationsJobRule, tf({ kubernetes_deployment_v1: { web: deployment("web") } }));
    expect(out.messages).toEqual([expect.stringContaining("No migrations Job")]);
    const json = secureStack();
    const api = res(json, "kubernetes_deployment_v1", "api");
    api["//"].readystack = {};
    api.metadata.labels["app.kubernetes.io/component"] = "web";
    api.spec.template.metadata.labels["app.kubernetes.io/component"] = "web";
    api.depends_on = [];
    // redis is a cache, not an API: only the unmarked web Deployment is checked.
    expect(run(migrationsJobRule, json).findings.map((f) => f.address)).toEqual(["kubernetes_deployment_v1.api"]);
  });
});
