import { findingAt, helmReleases, objectLabel, preventsDestroy, records, workloads } from "../k8s-model";
import type { ResourceView, Rule, RuleContext, RuleOutcome } from "../types";

/** Helm charts that keep data in persistent volumes. */
export const STATEFUL_CHARTS = new Set([
  "loki", "postgresql", "postgresql-ha", "mysql", "mariadb", "mongodb", "minio", "elasticsearch", "opensearch", "kafka",
  "rabbitmq", "etcd", "cassandra", "redis", "redis-cluster", "tempo", "mimir-distributed",
]);

/** RS-SEC-PREVENT-DESTROY: resources that hold data cannot be destroyed by a plan by accident. */
export const secPreventDestroyRule: Rule = {
  id: "RS-SEC-PREVENT-DESTROY",
  criterion: "security",
  level: "mandatory",
  title: "Resources that hold data (StatefulSets with volume claims, PVCs, stateful Helm releases) have lifecycle.prevent_destroy",
  rationale:
    "A rename, a changed immutable field or a mistaken `destroy` replaces the resource and deletes its volumes: the database is " +
    "gone. prevent_destroy makes Terraform refuse such a plan.",
  remediation: "Set lifecycle { prevent_destroy = true } (cdktf: `lifecycle: { preventDestroy: true }`) on the resource.",
  check(ctx: RuleContext): RuleOutcome {
    // prevent_destroy is a Terraform setting: the finding is on the resource that holds the object (one per resource).
    const stateful = new Map<string, { r: ResourceView; why: string }>();
    const add = (r: ResourceView, why: string): void => {
      if (!stateful.has(r.address)) stateful.set(r.address, { r, why });
    };
    for (const w of workloads(ctx)) {
      if (w.kind === "StatefulSet" && records(w.spec.volumeClaimTemplates).length > 0) {
        add(w.resource, w.model.objectRef === undefined ? "a StatefulSet with volumeClaimTemplates" : `the release of ${objectLabel(w.model)}, a StatefulSet with volumeClaimTemplates`);
      }
    }
    for (const o of ctx.objectsOfKind("PersistentVolumeClaim")) {
      add(o.resource, o.objectRef === undefined ? "a PersistentVolumeClaim" : `the release of PersistentVolumeClaim ${o.objectRef}`);
    }
    for (const rel of helmReleases(ctx)) {
      if (STATEFUL_CHARTS.has(rel.chart)) add(rel.resource, `a release of stateful chart ${rel.chart}`);
    }
    if (stateful.size === 0) return { findings: [], evidence: [], applicable: false };
    const findings = [];
    const evidence: string[] = [];
    for (const { r, why } of stateful.values()) {
      if (preventsDestroy(r)) {
        evidence.push(r.address);
        continue;
      }
      findings.push(findingAt(r, `${r.address} is ${why} but lifecycle.prevent_destroy is not true: a plan may delete its data.`,
        `Set lifecycle.prevent_destroy = true on ${r.address}.`));
    }
    return { findings, evidence };
  },
};
