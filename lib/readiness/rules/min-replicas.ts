import type { ModelObject } from "../model/object";
import {
  findingOn,
  nameOf,
  namespaceOf,
  objectLabel,
  podIndex,
  podTemplateOf,
  recordAt,
  recordList,
  selectPods,
  selectorOfMap,
  staticString,
  stringMap,
  uniqueEvidence,
} from "../model/pod-views";
import type { Finding, Rule, RuleContext, RuleOutcome } from "../types";

/** Options of {@link createMinReplicasRule}. */
export interface MinReplicasOptions {
  /**
   * The fewest replicas a serving workload without an HPA may have.
   * @default 2
   */
  readonly minReplicas?: number;
}

/** Components that are single-replica data stores by design (readystack's Postgres and Redis). */
const DATA_STORE_COMPONENTS: readonly string[] = ["database", "cache"];

/** Port names of Prometheus scrape endpoints: a Service with only such ports carries no user traffic. */
const METRICS_PORT = /metrics|prometheus|servicemonitor/i;

/** Whether a Service carries traffic other than metrics scrapes (a port that is not named as a metrics port). */
function carriesTraffic(spec: Record<string, unknown>): boolean {
  const ports = recordList(spec.ports);
  if (ports.length === 0) return true;
  const isMetrics = (p: Record<string, unknown>): boolean =>
    (typeof p.name === "string" && METRICS_PORT.test(p.name)) || (typeof p.targetPort === "string" && METRICS_PORT.test(p.targetPort));
  return ports.some((p) => !isMetrics(p));
}

/** The component of a workload: readystack's own fact, else the app.kubernetes.io/component label. */
function componentOf(w: ModelObject): string | undefined {
  const fact = w.resource.readystack.component;
  if (typeof fact === "string" && w.objectRef === undefined) return fact;
  const own = stringMap(w.object.metadata.labels)["app.kubernetes.io/component"];
  return own ?? podTemplateOf(w.object)?.labels["app.kubernetes.io/component"];
}

/** spec.replicas as a number: 1 when unset (the API default), undefined when not statically known. */
function replicasOf(ctx: RuleContext, w: ModelObject): number | undefined {
  const raw = recordAt(w.object, "spec")?.replicas;
  if (raw === undefined || raw === null) return 1;
  const text = staticString(ctx, raw);
  const n = text === undefined ? NaN : Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** The rule with its options checked; bad options throw, naming the field, the value and what is accepted. */
export function createMinReplicasRule(options: MinReplicasOptions = {}): Rule {
  const min = options.minReplicas ?? 2;
  if (!Number.isInteger(min) || min < 1) {
    throw new Error(`RS-MIN-REPLICAS: options.minReplicas must be a whole number of at least 1, got ${JSON.stringify(min)}`);
  }
  return {
    id: "RS-MIN-REPLICAS",
    criterion: "workload-hygiene",
    level: "recommended",
    packs: ["kubernetes", "readystack"],
    title: `Every serving Deployment or StatefulSet (selected by a Service) without an HPA runs at least ${min} replicas`,
    rationale:
      "With a single replica every rollout, node drain or crash is an outage for whoever calls the Service. A workload an " +
      "HPA scales is checked by the HPA rules instead; a Service whose ports are all metrics ports (named *metrics*, " +
      "*prometheus*) does not make a workload serving. Single-replica data stores are a deliberate choice (a second Postgres " +
      "or Redis pod is a replica set-up, not a scale knob): workloads whose component (readystack's, or the " +
      "app.kubernetes.io/component label) is database or cache are not checked.",
    remediation: `Set spec.replicas to ${min} or more (with a PodDisruptionBudget), or let an HPA with minReplicas ≥ ${min} target the workload.`,
    check(ctx: RuleContext): RuleOutcome {
      const index = podIndex(ctx);
      const served = new Set<ModelObject>();
      for (const svc of ctx.objectsOfKind("Service")) {
        const spec = recordAt(svc.object, "spec") ?? {};
        const sel = stringMap(spec.selector);
        if (Object.keys(sel).length === 0 || !carriesTraffic(spec)) continue;
        const selection = selectPods(index, namespaceOf(ctx, svc), selectorOfMap(sel));
        if (selection.known) for (const w of selection.workloads) served.add(w.model);
      }
      const scaled = new Set<string>();
      for (const hpa of ctx.objectsOfKind("HorizontalPodAutoscaler")) {
        const ref = recordAt(hpa.object, "spec", "scaleTargetRef");
        const name = staticString(ctx, ref?.name);
        if (ref && name !== undefined) scaled.add(`${namespaceOf(ctx, hpa)}/${String(ref.kind)}/${name}`);
      }
      const findings: Omit<Finding, "ruleId">[] = [];
      const clean: ModelObject[] = [];
      let applicable = false;
      for (const w of ctx.objects) {
        if (w.object.kind !== "Deployment" && w.object.kind !== "StatefulSet") continue;
        if (!served.has(w)) continue;
        const ns = namespaceOf(ctx, w);
        const component = componentOf(w);
        if (component !== undefined && DATA_STORE_COMPONENTS.includes(component)) continue;
        applicable = true;
        if (scaled.has(`${ns}/${w.object.kind}/${nameOf(ctx, w.object) ?? ""}`)) {
          clean.push(w);
          continue;
        }
        const replicas = replicasOf(ctx, w);
        if (replicas === undefined) continue;
        if (replicas >= min) clean.push(w);
        else {
          const raw = recordAt(w.object, "spec")?.replicas;
          const shown = raw === undefined ? "unset (1)" : String(replicas);
          findings.push(
            findingOn(w, `${objectLabel(w)}: spec.replicas is ${shown}, below ${min}, for a workload a Service sends traffic to and no HPA scales.`),
          );
        }
      }
      return { findings, evidence: uniqueEvidence(clean), applicable };
    },
  };
}

/** RS-MIN-REPLICAS with its defaults (minReplicas 2). */
export const minReplicasRule: Rule = createMinReplicasRule();
