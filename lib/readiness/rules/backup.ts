import {
  allContainers, block, componentOfObject, configMapKeyRef, findingOn, findNamed, isPostgresWorkload, objectLabel,
  secretData, secretKeyRef, serviceOf, serviceTargets, staticString, configMapData, workloads, type EnvVar, type ModelObject,
  type Workload,
} from "../k8s-model";
import { describeTarget, offsiteRead, offsiteUpload, sameTarget, type OffsiteTarget } from "../backup-offsite";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** How to fix a missing off-site copy, and when it may be waived. */
const OFFSITE_FIX =
  "Configure an off-site copy: PostgresBackup `offsite` (ReadyStack `backup.offsite`) uploads each dump to S3-compatible storage " +
  "after it is taken and makes restore-verify restore from there. If the cluster's storage is already replicated off-site, " +
  "waive RS-BACKUP with that reason.";

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

/**
 * RS-BACKUP: scheduled, bounded, non-overlapping Postgres backups with retention, an off-site copy, and a restore check
 * that restores from that copy.
 */
export const backupRule: Rule = {
  id: "RS-BACKUP",
  criterion: "backups-validated",
  level: "recommended",
  title:
    "A backup CronJob dumps the stack's Postgres with retention, deadlines and no overlap, copies each dump off-site, and a " +
    "restore-verify job tests the off-site copy",
  rationale:
    "A backup that is never restored is a hope, not a backup. Overlapping or hung backup runs fill the disk; without retention old " +
    "dumps pile up; a backup pointed at the wrong host backs up nothing. Dumps kept only in the cluster are lost with the cluster " +
    "(its storage, its account, its region), and a restore check of the local dumps says nothing about the copy that would be used then.",
  remediation:
    "Use PostgresBackup: a CronJob labelled app.kubernetes.io/component: backup with PGHOST = the Postgres Service, BACKUP_RETENTION, " +
    "spec.concurrencyPolicy: Forbid, spec.startingDeadlineSeconds and spec.jobTemplate.spec.activeDeadlineSeconds, plus a restore-verify CronJob; " +
    "with `offsite` (ReadyStack `backup.offsite`) an uploader copies each dump to S3-compatible storage and restore-verify restores from there. " +
    "Waive the rule with the reason when the cluster's storage is already replicated off-site.",
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
    const configuration: string[] = [];
    const uploads: { at: string; target: OffsiteTarget }[] = [];
    if (backups.length === 0) {
      findings.push({ message: "No backup CronJob: no CronJob has component \"backup\" (label app.kubernetes.io/component or //.readystack.component)." });
    }
    if (verifiers.length === 0) {
      findings.push({ message: "No restore-verify CronJob or Job (component \"restore-verify\"): nothing proves the backups restore." });
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
      const upload = offsiteUpload(ctx, b);
      if ("problem" in upload) {
        findings.push(findingOn(b.model, `Backup ${b.at} keeps its dumps only in the cluster: no off-site copy (${upload.problem}). ${OFFSITE_FIX}`));
      } else uploads.push({ at: b.at, target: upload.target });
    }
    for (const v of verifiers) {
      const read = offsiteRead(ctx, v);
      const written = uploads.map((u) => u.target);
      if ("problem" in read) {
        if (uploads.length > 0) {
          findings.push(findingOn(v.model, `Restore check ${v.at} does not restore from the off-site copy: ${read.problem}. ${OFFSITE_FIX}`));
        } else evidence.push(v.at); // the missing off-site copy is reported on the backup CronJob
        continue;
      }
      if (written.length > 0 && !written.some((t) => sameTarget(t, read.target))) {
        findings.push(findingOn(
          v.model,
          `Restore check ${v.at} downloads ${describeTarget(read.target)}, not the off-site copy the backups write (${written.map(describeTarget).join(", ")}). ${OFFSITE_FIX}`,
        ));
        continue;
      }
      evidence.push(v.at);
      for (const u of uploads.filter((x) => sameTarget(x.target, read.target))) {
        configuration.push(`off-site copy configured: ${describeTarget(u.target)} (uploaded by ${u.at} after each dump); restore-verify ${v.at} restores from it`);
      }
    }
    return { findings, evidence: [...new Set(evidence)], ...(configuration.length > 0 ? { configuration } : {}) };
  },
};
