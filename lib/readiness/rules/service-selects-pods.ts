import {
  findingOn,
  namespaceOf,
  objectLabel,
  podIndex,
  recordAt,
  selectPods,
  selectorOfMap,
  showSelector,
  stringMap,
  uniqueEvidence,
} from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** RS-SERVICE-SELECTS-PODS: every Service with a selector matches the pod template of a workload in its namespace. */
export const serviceSelectsPodsRule: Rule = {
  id: "RS-SERVICE-SELECTS-PODS",
  criterion: "workload-hygiene",
  level: "recommended",
  packs: ["kubernetes", "readystack"],
  title: "Every Service selector matches the pods of a workload in its namespace",
  rationale:
    "A Service whose selector matches no pod has no endpoints: clients get connection refused, and the Ingress in front " +
    "returns 503, while every object applies without an error. A typo in a label or a renamed component is enough. " +
    "Services without a selector (endpoints managed by hand) and ExternalName Services are not checked; neither are " +
    "namespaces with Helm releases that were not rendered (their pods are unknown).",
  remediation: "Make spec.selector a subset of the workload's spec.template.metadata.labels (same namespace).",
  check(ctx: RuleContext): RuleOutcome {
    const index = podIndex(ctx);
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean = [];
    let applicable = false;
    for (const svc of ctx.objectsOfKind("Service")) {
      const spec = recordAt(svc.object, "spec") ?? {};
      const selector = stringMap(spec.selector);
      if (spec.type === "ExternalName" || Object.keys(selector).length === 0) continue;
      applicable = true;
      const ns = namespaceOf(ctx, svc);
      const selection = selectPods(index, ns, selectorOfMap(selector));
      if (!selection.known) continue;
      if (selection.workloads.length > 0) clean.push(svc);
      else findings.push(findingOn(svc, `${objectLabel(svc)}: spec.selector ${showSelector(selectorOfMap(selector))} matches no pod template in namespace ${ns}.`));
    }
    return { findings, evidence: uniqueEvidence(clean), applicable };
  },
};
