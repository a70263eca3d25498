import {
  allContainers, block, CONFIG_MAP_TYPES, componentOf, configMapKeyRef, findNamed, findingAt, first, isPostgresWorkload,
  SECRET_TYPES, secretKeyRef, serviceOf, serviceTargets, SERVICE_TYPES, staticString, workloads, type EnvVar, type Workload,
} from "../k8s-model";
import type { ResourceView, Rule, RuleContext, RuleOutcome } from "../types";

/** The static value of an env var: literal, or the key of a ConfigMap/Secret of the stack. */
function envValue(ctx: RuleContext, w: Workload, e: EnvVar): string | undefined {
  if (e.value !== undefined) return staticString(ctx, e.value);
  for (const [ref, types] of [[configMapKeyRef(e), CONFIG_MAP_TYPES], [secretKeyRef(e), SECRET_TYPES]] as const) {
    if (!ref) continue;
    const obj = findNamed(ctx, types, w.namespace, ref.name);
    const key = staticString(ctx, ref.key);
    if (!obj || key === undefined) return undefined;
    return staticString(ctx, first(obj.body.data)?.[key]) ?? staticString(ctx, first(obj.body.string_data)?.[key]);
  }
  return undefined;
}

/** The Postgres Service PGHOST points at: a reference to the Service, or a host name `svc[.ns[.svc...]]`. */
function postgresService(ctx: RuleContext, w: Workload, e: EnvVar): ResourceView | undefined {
  const ref = e.value !== undefined ? ctx.resolve(e.value) : undefined;
  let svcResource = ref && (SERVICE_TYPES as readonly string[]).includes(ref.resource.type) ? ref.resource : undefined;
  if (!svcResource) {
    const host = envValue(ctx, w, e);
    if (host === undefined || host === "") return undefined;
    const [name, ns] = host.toLowerCase().split(".");
    svcResource = findNamed(ctx, SERVICE_TYPES, ns ?? w.namespace, name);
  }
  if (!svcResource) return undefined;
  const svc = serviceOf(ctx, svcResource);
  if (!svc) return undefined;
  const isPostgres =
    componentOf(ctx, svcResource) === "database" ||
    svc.ports.some((p) => p.port === 5432) ||
    serviceTargets(ctx, svc).some(isPostgresWorkload);
  return isPostgres ? svcResource : undefined;
}

/** RS-BACKUP: scheduled, bounded, non-overlapping Postgres backups with retention, and a restore check. */
export const backupRule: Rule = {
  id: "RS-BACKUP",
  criterion: "backups-validated",
  level: "recommended",
  title: "A backup CronJob dumps the stack's Postgres with retention, deadlines and no overlap, and a restore-verify job tests the dumps",
  rationale:
    "A backup that is never restored is a hope, not a backup. Overlapping or hung backup runs fill the disk; without retention old " +
    "dumps pile up; a backup pointed at the wrong host backs up nothing.",
  remediation:
    "Use PostgresBackup: a CronJob labelled component=backup with PGHOST = the Postgres Service, BACKUP_RETENTION, " +
    "concurrency_policy Forbid, starting_deadline_seconds and active_deadline_seconds, plus a restore-verify CronJob.",
  check(ctx: RuleContext): RuleOutcome {
    const all = workloads(ctx);
    const backups = all.filter((w) => w.kind === "CronJob" && w.component === "backup");
    const verifiers = all.filter((w) => (w.kind === "CronJob" || w.kind === "Job") && w.component === "restore-verify");
    const findings = [];
    const evidence: string[] = [];
    if (backups.length === 0) {
      findings.push({ message: "No backup CronJob: no kubernetes_cron_job_v1 has component \"backup\" (label app.kubernetes.io/component or //.readystack.component)." });
    }
    if (verifiers.length === 0) {
      findings.push({ message: "No restore-verify CronJob or Job (component \"restore-verify\"): nothing proves the backups restore." });
    } else {
      evidence.push(...verifiers.map((v) => v.resource.address));
    }
    for (const b of backups) {
      const problems: string[] = [];
      const containers = allContainers(b);
      const pghost = containers.flatMap((c) => c.env.filter((e) => e.name === "PGHOST"))[0];
      if (!pghost) problems.push("no PGHOST env");
      else {
        const svc = postgresService(ctx, b, pghost);
        if (!svc) problems.push(`PGHOST ${JSON.stringify(pghost.value ?? envValue(ctx, b, pghost) ?? "(value_from)")} is not a Postgres Service of the stack`);
        else evidence.push(svc.address);
      }
      const retention = containers.flatMap((c) => c.env.filter((e) => e.name === "BACKUP_RETENTION"))[0];
      const retentionValue = retention ? envValue(ctx, b, retention) : undefined;
      if (!retention) problems.push("no BACKUP_RETENTION env");
      else if (retentionValue !== undefined && !/^[1-9]\d*$/.test(retentionValue.trim())) problems.push(`BACKUP_RETENTION = "${retentionValue}" is not a positive count`);
      const policy = staticString(ctx, b.spec.concurrency_policy);
      if (policy !== "Forbid") problems.push(`concurrency_policy = ${policy === undefined ? "unset (Allow)" : `"${policy}"`}, not "Forbid"`);
      if (b.spec.starting_deadline_seconds === undefined) problems.push("no starting_deadline_seconds");
      if (block(b.spec, "job_template", "spec")?.active_deadline_seconds === undefined) problems.push("no job_template.spec.active_deadline_seconds");
      if (problems.length === 0) evidence.push(b.resource.address);
      else findings.push(findingAt(b.resource, `Backup ${b.resource.address}: ${problems.join("; ")}.`));
    }
    return { findings, evidence: [...new Set(evidence)] };
  },
};
