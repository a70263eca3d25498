import {
  findingOn,
  isEmptySelector,
  labelSelectorMatches,
  objectLabel,
  podTemplateOf,
  readLabelSelector,
  recordAt,
  showSelector,
  uniqueEvidence,
} from "../model/pod-views";
import type { ModelObject } from "../model/object";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** Kinds whose spec.selector must match spec.template.metadata.labels. Job: only when it sets a selector itself. */
const KINDS: ReadonlySet<string> = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

/** RS-SELECTOR-MATCHES-TEMPLATE: a workload's spec.selector matches its own pod template's labels. */
export const selectorMatchesTemplateRule: Rule = {
  id: "RS-SELECTOR-MATCHES-TEMPLATE",
  criterion: "workload-hygiene",
  level: "recommended",
  packs: ["kubernetes", "readystack"],
  title: "Every Deployment, StatefulSet, DaemonSet, ReplicaSet and Job selector matches its own pod template labels",
  rationale:
    "The API server rejects a workload whose spec.selector does not match spec.template.metadata.labels (`selector does " +
    "not match template labels`), so the apply fails half-way; and an empty selector would adopt every pod of the " +
    "namespace. Catch it before the plan. A Job that sets no selector gets one generated and is not checked.",
  remediation: "Make spec.selector.matchLabels a subset of spec.template.metadata.labels (copy the labels the selector names into the template).",
  check(ctx: RuleContext): RuleOutcome {
    const findings: Omit<Finding, "ruleId">[] = [];
    const clean: ModelObject[] = [];
    let applicable = false;
    for (const w of ctx.objects) {
      const kind = w.object.kind;
      if (!KINDS.has(kind)) continue;
      const pod = podTemplateOf(w.object);
      if (pod === undefined) continue;
      const raw = recordAt(w.object, "spec")?.selector;
      if (kind === "Job" && raw === undefined) continue;
      applicable = true;
      const selector = readLabelSelector(raw);
      if (selector === undefined) {
        findings.push(findingOn(w, `${objectLabel(w)}: spec.selector is unset (required for ${kind} in ${w.object.apiVersion}).`));
      } else if (isEmptySelector(selector)) {
        findings.push(findingOn(w, `${objectLabel(w)}: spec.selector is empty, so it would select every pod of the namespace.`));
      } else if (!labelSelectorMatches(selector, pod.labels)) {
        findings.push(
          findingOn(
            w,
            `${objectLabel(w)}: spec.selector ${showSelector(selector)} does not match spec.template.metadata.labels ` +
              `${showSelector({ matchLabels: pod.labels, matchExpressions: [] })}.`,
          ),
        );
      } else clean.push(w);
    }
    return { findings, evidence: uniqueEvidence(clean), applicable };
  },
};
