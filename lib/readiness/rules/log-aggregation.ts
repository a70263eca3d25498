import {
  apiWorkloads, asList, findingOnShipper, helmReleases, imageBaseName, logShippers, shipperTrees, unique, walkTree, workloads,
  type LogShipper, type RuleFinding,
} from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** Namespaces a shipper restricts itself to; undefined when it scrapes every namespace (the chart default). */
function targetNamespaces(s: LogShipper): string[] | undefined {
  const declared = s.model?.objectRef === undefined ? s.resource.readystack.targetNamespaces : undefined;
  if (Array.isArray(declared)) return declared.filter((n): n is string => typeof n === "string");
  const names: string[] = [];
  let restricted = false;
  if (s.kind === "promtail") {
    for (const tree of shipperTrees(s)) {
      walkTree(tree, (key, value) => {
        if (key !== "kubernetes_sd_configs" || !Array.isArray(value)) return;
        for (const sd of value) {
          const ns = (sd as Record<string, unknown> | null)?.namespaces as Record<string, unknown> | undefined;
          if (ns && Array.isArray(ns.names)) {
            restricted = true;
            names.push(...asList(ns.names).filter((n): n is string => typeof n === "string"));
          }
        }
      });
    }
  } else {
    for (const text of s.texts) {
      for (const m of text.matchAll(/namespaces\s*\{[^}]*?names\s*=\s*\[([^\]]*)\]/g)) {
        restricted = true;
        names.push(...[...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]));
      }
    }
  }
  return restricted ? unique(names) : undefined;
}

/** RS-LOG-AGGREGATION: logs are collected into Loki from the stack's namespace. */
export const logAggregationRule: Rule = {
  id: "RS-LOG-AGGREGATION",
  criterion: "log-aggregation",
  level: "recommended",
  title: "A Loki and a log shipper exist, and the shipper collects the API's namespace",
  rationale:
    "Pod logs vanish with the pod. Without aggregation there is nothing to search after a crash, an eviction or a rollout, and a " +
    "shipper restricted to other namespaces collects nothing of the application.",
  remediation:
    "Use LogAggregation (Loki + Alloy), or install a Loki release and a promtail/alloy shipper whose kubernetes discovery includes the " +
    "API namespace (or record `//.readystack.targetNamespaces`).",
  check(ctx: RuleContext): RuleOutcome {
    const findings: RuleFinding[] = [];
    const evidence: string[] = [];
    const lokiReleases = new Set(helmReleases(ctx).filter((r) => r.chart === "loki" || r.chart === "loki-stack").map((r) => r.resource.address));
    const lokis = [
      ...helmReleases(ctx).filter((r) => r.chart === "loki" || r.chart === "loki-stack").map((r) => r.resource.address),
      ...workloads(ctx)
        .filter((w) => w.containers.some((c) => c.image !== undefined && imageBaseName(c.image) === "loki"))
        .filter((w) => w.model.objectRef === undefined || !lokiReleases.has(w.resource.address))
        .map((w) => w.at),
    ];
    const shippers = logShippers(ctx);
    // The criterion is about the API's logs reaching an aggregator. With no API workload (by readystack's mark or
    // the config's role selectors) and no Loki or shipper, the stack has none of what it is about: a stack that
    // ships its logs another way (a cloud agent, fluent-bit) is not judged by it.
    if (apiWorkloads(ctx).length === 0 && lokis.length === 0 && shippers.length === 0) return { findings, evidence, applicable: false };
    if (lokis.length === 0) findings.push({ message: "No Loki: no helm_release of chart loki and no workload running grafana/loki." });
    else evidence.push(...lokis);
    if (shippers.length === 0) {
      findings.push({ message: "No log shipper: no helm_release of chart promtail/alloy and no promtail/alloy DaemonSet." });
      return { findings, evidence };
    }
    const needed = unique(apiWorkloads(ctx).map((w) => w.namespace));
    const targets = shippers.map((s) => ({ s, namespaces: targetNamespaces(s) }));
    const covers = (t: { namespaces: string[] | undefined }, ns: string): boolean => t.namespaces === undefined || t.namespaces.includes(ns);
    const missing = needed.filter((ns) => !targets.some((t) => covers(t, ns)));
    for (const t of targets) if (needed.some((ns) => covers(t, ns)) || needed.length === 0) evidence.push(t.s.at);
    if (missing.length > 0) {
      const t = targets[0];
      findings.push(findingOnShipper(t.s,
        `${t.s.at} (${t.s.kind}) only collects namespaces [${(t.namespaces ?? []).join(", ")}], not the API namespace(s) ${missing.join(", ")}; no other shipper does.`,
        `Add ${missing.join(", ")} to the shipper's kubernetes discovery namespaces (or //.readystack.targetNamespaces).`));
    }
    return { findings, evidence };
  },
};
