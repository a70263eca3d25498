import type { ModelObject } from "../model/object";
import { findingOn, nameOf, namespaceOf, objectLabel, podIndex, recordAt, staticString, uniqueEvidence } from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** RS-STATEFULSET-HEADLESS-SERVICE: a StatefulSet's spec.serviceName names a headless Service of its namespace. */
export const statefulsetHeadlessServiceRule: Rule = {
  id: "RS-STATEFULSET-HEADLESS-SERVICE",
  criterion: "workload-hygiene",
  level: "recommended",
  packs: ["kubernetes", "readystack"],
  title: "Every StatefulSet's spec.serviceName names a headless Service (clusterIP: None) in its namespace",
  rationale:
    "A StatefulSet's pods get their stable DNS names (<pod>.<serviceName>.<namespace>.svc) only through the governing " +
    "Service, and only when that Service is headless; with a missing or ClusterIP Service, peers and replicas cannot " +
    "address one pod, which replication and clustering rely on. Clients may still use a separate ClusterIP Service.",
  remediation: "Create a Service with spec.clusterIP: None selecting the StatefulSet's pods, and set spec.serviceName to its name.",
  check(ctx: RuleContext): RuleOutcome {
    const sets = ctx.objectsOfKind("StatefulSet");
    const services = new Map<string, ModelObject>();
    for (const s of ctx.objectsOfKind("Service")) services.set(`${namespaceOf(ctx, s)}/${nameOf(ctx, s.object) ?? ""}`, s);
    const partlyKnown = podIndex(ctx).partlyKnown;
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    for (const set of sets) {
      const ns = namespaceOf(ctx, set);
      const raw = recordAt(set.object, "spec")?.serviceName;
      const name = raw === undefined || raw === "" ? undefined : staticString(ctx, raw);
      if (raw === undefined || raw === "") {
        findings.push(findingOn(set, `${objectLabel(set)}: spec.serviceName is unset, so its pods get no stable DNS names.`));
        continue;
      }
      if (name === undefined) continue; // a reference whose value is not statically known
      const svc = services.get(`${ns}/${name}`);
      if (svc === undefined) {
        if (partlyKnown.has(ns)) continue;
        findings.push(findingOn(set, `${objectLabel(set)}: spec.serviceName ${JSON.stringify(name)} names no Service in namespace ${ns}.`));
        continue;
      }
      const clusterIP = staticString(ctx, recordAt(svc.object, "spec")?.clusterIP);
      if (clusterIP === "None") clean.push(set);
      else
        findings.push(
          findingOn(
            set,
            `${objectLabel(set)}: spec.serviceName ${JSON.stringify(name)} names ${objectLabel(svc)}, which is not headless ` +
              `(spec.clusterIP = ${clusterIP === undefined ? "unset" : JSON.stringify(clusterIP)}, needs "None").`,
          ),
        );
    }
    return { findings, evidence: uniqueEvidence(clean), applicable: sets.length > 0 };
  },
};
