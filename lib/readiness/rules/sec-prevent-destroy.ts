import { findingAt, helmReleases, preventsDestroy, records, resourcesOfTypes, workloads } from "../k8s-model";
import type { ResourceView, Rule, RuleContext, RuleOutcome } from "../types";

/** Helm charts that keep data in persistent volumes. */
export const STATEFUL_CHARTS = new Set([
  "loki", "postgresql", "postgresql-ha", "mysql", "mariadb", "mongodb", "minio", "elasticsearch", "opensearch", "kafka",
  "rabbitmq", "etcd", "cassandra", "redis", "redis-cluster", "tempo", "mimir-distributed",
]);
const PVC_TYPES = ["kubernetes_persistent_volume_claim_v1", "kubernetes_persistent_volume_claim"] as const;

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
    const stateful: { r: ResourceView; why: string }[] = [];
    for (const w of workloads(ctx)) {
      if (w.kind === "StatefulSet" && records(w.spec.volume_claim_template).length > 0) stateful.push({ r: w.resource, why: "a StatefulSet with volume_claim_template" });
    }
    for (const r of resourcesOfTypes(ctx, PVC_TYPES)) stateful.push({ r, why: "a PersistentVolumeClaim" });
    for (const rel of helmReleases(ctx)) {
      if (STATEFUL_CHARTS.has(rel.chart)) stateful.push({ r: rel.resource, why: `a release of stateful chart ${rel.chart}` });
    }
    const findings = [];
    const evidence: string[] = [];
    for (const { r, why } of stateful) {
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
