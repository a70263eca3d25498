import {
  allContainers, block, componentOfObject, configMapKeyRef, findingOn, findNamed, isPostgresWorkload, objectLabel,
  secretData, secretKeyRef, serviceOf, serviceTargets, staticString, configMapData, workloads, type EnvVar, type ModelObject,
  type Workload,
} from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** The static value of an env var: literal, or the key of a ConfigMap/Secret of the stack. */
function envValue(ctx: RuleContext, w: Workload, e: EnvVar): string | undefined {
  if (e.value !== undefined) return staticString(ctx, e.value);
  const cmRef = configMapKeyRef(e);
  const secRef = secretKeyRef(e);
  const ref = cmRef ?? secRef;
  if (!ref) return undefined;
  const obj = findNamed(ctx, cmRef ? "ConfigMap" : "Secret", w.namespace, ref.name);
  const key = staticString(ctx, ref.key);
  if (!obj || key === undefined) return undefined;
  return (cmRef ? configMapData(ctx, obj) : secretData(ctx, obj))[key];
}

/** The Postgres Service PGHOST points at: a reference to the Service, or a host name `svc[.ns[.svc...]]`. */
function postgresService(ctx: RuleContext, w: Workload, e: EnvVar): ModelObject | undefined {
  let svcObject: ModelObject | undefined = e.value !== undefined ? findNamed(ctx, "Service", w.namespace, e.value) : undefined;
  if (!svcObject) {
    const host = envValue(ctx, w, e);
    if (host === undefined || host === "") return undefined;
    const [name, ns] = host.toLowerCase().split(".");
    svcObject = findNamed(ctx, "Service", ns ?? w.namespace, name);
  }
  if (!svcObject) return undefined;
  const svc = serviceOf(ctx, svcObject);
  if (!svc) return undefined;
  const isPostgres =
    componentOfObject(ctx, svcObject) === "database" ||
    svc.ports.some((p) => p.port === 5432) ||
    serviceTargets(ctx, svc).some(isPostgresWorkload);
  return isPostgres ? svcObject : undefined;
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
    "Use PostgresBackup: a CronJob labelled app.kubernetes.io/component: backup with PGHOST = the Postgres Service, BACKUP_RETENTION, " +
    "spec.concurrencyPolicy: Forbid, spec.startingDeadlineSeconds and spec.jobTemplate.spec.activeDeadlineSeconds, plus a restore-verify CronJob.",
  check(ctx: RuleContext): RuleOutcome {
    const all = workloads(ctx);
    const backups = all.filter((w) => w.kind === "CronJob" && w.component === "backup");
    const verifiers = all.filter((w) => (w.kind === "CronJob" || w.kind === "Job") && w.component === "restore-verify");
    // Backups are of the stack's own Postgres: without one (and without backup jobs) the criterion does not apply.
    if (backups.length === 0 && verifiers.length === 0 && !all.some(isPostgresWorkload)) {
      return { findings: [], evidence: [], applicable: false };
    }
    const findings = [];
    const evidence: string[] = [];
    if (backups.length === 0) {
      findings.push({ message: "No backup CronJob: no CronJob has component \"backup\" (label app.kubernetes.io/component or //.readystack.component)." });
    }
    if (verifiers.length === 0) {
      findings.push({ message: "No restore-verify CronJob or Job (component \"restore-verify\"): nothing proves the backups restore." });
    } else {
      evidence.push(...verifiers.map((v) => v.at));
    }
    for (const b of backups) {
      const problems: string[] = [];
      const containers = allContainers(b);
      const pghost = containers.flatMap((c) => c.env.filter((e) => e.name === "PGHOST"))[0];
      if (!pghost) problems.push("no PGHOST env");
      else {
        const svc = postgresService(ctx, b, pghost);
        if (!svc) problems.push(`PGHOST ${JSON.stringify(pghost.value ?? envValue(ctx, b, pghost) ?? "(valueFrom)")} is not a Postgres Service of the stack`);
        else evidence.push(objectLabel(svc));
      }
      const retention = containers.flatMap((c) => c.env.filter((e) => e.name === "BACKUP_RETENTION"))[0];
      const retentionValue = retention ? envValue(ctx, b, retention) : undefined;
      if (!retention) problems.push("no BACKUP_RETENTION env");
      else if (retentionValue !== undefined && !/^[1-9]\d*$/.test(retentionValue.trim())) problems.push(`BACKUP_RETENTION = "${retentionValue}" is not a positive count`);
      const policy = staticString(ctx, b.spec.concurrencyPolicy);
      if (policy !== "Forbid") problems.push(`spec.concurrencyPolicy = ${policy === undefined ? "unset (Allow)" : `"${policy}"`}, not "Forbid"`);
      if (b.spec.startingDeadlineSeconds === undefined) problems.push("no spec.startingDeadlineSeconds");
      if (block(b.spec, "jobTemplate", "spec")?.activeDeadlineSeconds === undefined) problems.push("no spec.jobTemplate.spec.activeDeadlineSeconds");
      if (problems.length === 0) evidence.push(b.at);
      else findings.push(findingOn(b.model, `Backup ${b.at}: ${problems.join("; ")}.`));
    }
    return { findings, evidence: [...new Set(evidence)] };
  },
};
