import { apiWorkloads, asList, findingOn, isFalse, isPostgresWorkload, workloads } from "../k8s-model";
import { workloadDependencies } from "../dependencies";
import type { Rule, RuleContext, RuleOutcome } from "../types";
import { COMPONENTS } from "../../k8s/metadata";

/** The address a depends_on entry names: "type.name" as written, or the resource a `${...}` resolves to. */
function dependsOnAddress(ctx: RuleContext, entry: unknown): string | undefined {
  const ref = ctx.resolve(entry);
  if (ref) return ref.resource.address;
  return typeof entry === "string" ? entry.trim() : undefined;
}

/** RS-MIGRATIONS-JOB: a migrations Job that Terraform waits for, and every API workload depends on it. */
export const migrationsJobRule: Rule = {
  id: "RS-MIGRATIONS-JOB",
  criterion: "migrations",
  level: "mandatory",
  title: "Schema migrations run as a Job that Terraform waits for, before every API Deployment rolls out",
  rationale:
    "A new API version against an old schema fails requests. A Job that Terraform waits for (wait_for_completion) and that " +
    "every API Deployment depends_on applies the migrations exactly once per apply, before the new pods start.",
  remediation:
    "Create a Job labelled app.kubernetes.io/component: migrations (kubernetes_job_v1; DatabaseMigrations does), keep Terraform's " +
    "wait_for_completion true, and put it in depends_on of every API Deployment.",
  check(ctx: RuleContext): RuleOutcome {
    const all = workloads(ctx);
    const jobs = all.filter((w) => w.kind === "Job" && w.component === COMPONENTS.migrations);
    if (jobs.length === 0) {
      // Migrations are about the stack's database: without a Postgres (run or used by the API) the criterion does not apply.
      const usesPostgres = all.some(isPostgresWorkload) ||
        apiWorkloads(ctx).some((w) => workloadDependencies(ctx, w).some((d) => d.kind === "postgres"));
      if (!usesPostgres) return { findings: [], evidence: [], applicable: false };
      return {
        findings: [{ message: "No migrations Job: no Job has component \"migrations\" (label app.kubernetes.io/component or //.readystack.component)." }],
        evidence: [],
      };
    }
    const findings = [];
    const evidence: string[] = [];
    const jobAddresses = new Set(jobs.map((j) => j.resource.address));
    for (const job of jobs) {
      // The provider's default for wait_for_completion is true; only an explicit false stops Terraform waiting.
      if (job.model.origin === "kubernetes-resource" && isFalse(job.resource.body.wait_for_completion)) {
        findings.push(findingOn(job.model,
          `${job.at} has wait_for_completion = false: Terraform does not wait for the migrations to finish.`,
          `Set wait_for_completion = true on ${job.at}.`));
      } else {
        evidence.push(job.at);
      }
    }
    for (const api of apiWorkloads(ctx)) {
      const deps = asList(api.resource.body.depends_on).map((d) => dependsOnAddress(ctx, d));
      if (jobAddresses.has(api.resource.address) || deps.some((d) => d !== undefined && jobAddresses.has(d))) {
        evidence.push(api.at);
        continue;
      }
      findings.push(findingOn(api.model,
        `${api.at} does not depend on the migrations Job (depends_on = [${deps.filter((d) => d !== undefined).join(", ")}]).`,
        `Add ${[...jobAddresses][0]} to depends_on of ${api.resource.address} (node.addDependency / dependsOn).`));
    }
    return { findings, evidence };
  },
};
