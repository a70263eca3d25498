import type { ModelObject } from "../model/object";
import { containersOf, findingOn, objectLabel, podTemplateOf, recordAt, recordList, stringMap, uniqueEvidence } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** Commands that move a data store's data: a run of them must not overlap another or be killed half-way. */
const DATA_COMMANDS = /\b(pg_dump|pg_dumpall|pg_basebackup|pg_restore|mysqldump|mariadb-dump|mongodump|mongorestore|restic|rclone|backup|restore)\b/i;

/** Components of data work (readystack's backup and restore-verify CronJobs). */
const DATA_COMPONENTS = /backup|restore/i;

/** Why a CronJob counts as data work, or undefined. */
function dataWork(cron: ModelObject): string | undefined {
  const fact = cron.resource.readystack.component;
  const label = stringMap(cron.object.metadata.labels)["app.kubernetes.io/component"];
  const component = typeof fact === "string" && cron.objectRef === undefined ? fact : label;
  if (component !== undefined && DATA_COMPONENTS.test(component)) return `component ${component}`;
  const pod = podTemplateOf(cron.object);
  if (!pod) return undefined;
  const claim = recordList(pod.spec.volumes).find((v) => v.persistentVolumeClaim !== undefined);
  if (claim) return `mounts PersistentVolumeClaim volume "${String(claim.name ?? "?")}"`;
  for (const c of containersOf(pod)) {
    const words = [...(Array.isArray(c.container.command) ? c.container.command : []), ...(Array.isArray(c.container.args) ? c.container.args : [])];
    const hit = words.map((w) => String(w)).join(" ").match(DATA_COMMANDS);
    if (hit) return `${c.label} runs ${hit[1]}`;
  }
  return undefined;
}

/** RS-CRONJOB-CONCURRENCY: a CronJob doing data work (backups, restores) has concurrencyPolicy Forbid. */
export const cronjobConcurrencyRule: Rule = {
  id: "RS-CRONJOB-CONCURRENCY",
  criterion: "workload-hygiene",
  level: "recommended",
  packs: ["kubernetes", "readystack"],
  title: "Every CronJob that does data work (backup, restore, dump, or mounts a PersistentVolumeClaim) sets concurrencyPolicy: Forbid",
  rationale:
    "With Replace, a backup that runs longer than its interval is killed by the next run and never completes; with Allow " +
    "(the default) two runs write the same dump at once. Data work counts as: component backup/restore (readystack's fact " +
    "or app.kubernetes.io/component), a PersistentVolumeClaim volume, or a command running pg_dump, mysqldump, mongodump, " +
    "restic, rclone, backup or restore.",
  remediation: "Set spec.concurrencyPolicy: Forbid (and startingDeadlineSeconds, so a skipped run is reported).",
  check(ctx: RuleContext): RuleOutcome {
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean: ModelObject[] = [];
    let applicable = false;
    for (const cron of ctx.objectsOfKind("CronJob")) {
      const why = dataWork(cron);
      if (why === undefined) continue;
      applicable = true;
      const policy = recordAt(cron.object, "spec")?.concurrencyPolicy;
      if (policy === "Forbid") {
        clean.push(cron);
        continue;
      }
      const effect =
        policy === "Replace" ? "a run still in progress is killed by the next one" : "two runs may overlap on the same data";
      findings.push(
        findingOn(
          cron,
          `${objectLabel(cron)}: spec.concurrencyPolicy is ${policy === undefined ? "unset (Allow)" : JSON.stringify(policy)} for data work (${why}): ${effect}; needs "Forbid".`,
        ),
      );
    }
    return { findings, evidence: uniqueEvidence(clean), applicable };
  },
};
