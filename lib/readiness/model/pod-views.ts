/**
 * Views of Kubernetes API objects (ctx.objects) for rules about pods: the pod template of a workload object,
 * its containers (init containers included) with their API field paths, the effective namespace of an object,
 * and label selector matching. Everything reads the camelCase API shape only, whatever the object's origin.
 */
import type { RuleContext } from "../types";
import { isRecord, staticString } from "./json";
import { selectorMatches } from "./services";
import type { KubeObject, ModelObject } from "./object";

/** A plain JSON object. */
export type JsonRecord = Record<string, unknown>;

export { isFalse, isRecord, isTrue, staticString } from "./json";
/** The object at a path of keys, or undefined when a step is missing or not an object. */
export function recordAt(value: unknown, ...keys: string[]): JsonRecord | undefined {
  let current: unknown = value;
  for (const key of keys) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return isRecord(current) ? current : undefined;
}

/** The objects of a list field (non-objects dropped); [] when the field is not a list. */
export function recordList(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A string map (labels, a Service selector): string values kept, numbers and booleans stringified. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string") out[k] = v;
    else if (typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  }
  return out;
}


/** Where the pod template sits in each workload kind (`Pod` is its own template). */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/** The kinds that hold a pod template. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

/** The pod template of a workload object. */
export interface PodTemplateView {
  /** The template's metadata.labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** The pod spec (`{}` when the object has none). */
  readonly spec: JsonRecord;
  /** API field path of the pod spec, e.g. `spec.template.spec` (`spec` for a Pod). */
  readonly specPath: string;
}

/** The pod template of a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job or CronJob. */
export function podTemplateOf(object: KubeObject): PodTemplateView | undefined {
  const path = POD_TEMPLATE_PATHS[object.kind];
  if (path === undefined) return undefined;
  const template = path.length === 0 ? (object as JsonRecord) : recordAt(object, ...path);
  const spec = recordAt(template, "spec") ?? {};
  return {
    labels: stringMap(recordAt(template, "metadata")?.labels),
    spec,
    specPath: [...path, "spec"].join("."),
  };
}

/** One container of a pod spec. */
export interface ContainerView {
  /** The container object. */
  readonly container: JsonRecord;
  /** Its name (`#<index>` when it has none). */
  readonly name: string;
  /** API field path, e.g. `spec.template.spec.initContainers[0]`. */
  readonly path: string;
  /** How messages name it: `container "api"`, `init container "wait"`. */
  readonly label: string;
}

const CONTAINER_LISTS: readonly { field: string; noun: string }[] = [
  { field: "initContainers", noun: "init container" },
  { field: "containers", noun: "container" },
  { field: "ephemeralContainers", noun: "ephemeral container" },
];

/** Every container of a pod template: init containers, containers, ephemeral containers. */
export function containersOf(pod: PodTemplateView): ContainerView[] {
  const out: ContainerView[] = [];
  for (const { field, noun } of CONTAINER_LISTS) {
    recordList(pod.spec[field]).forEach((container, i) => {
      const name = typeof container.name === "string" ? container.name : `#${i}`;
      out.push({ container, name, path: `${pod.specPath}.${field}[${i}]`, label: `${noun} "${name}"` });
    });
  }
  return out;
}

/**
 * The namespace an object lands in: metadata.namespace (a `${...}` reference to a literal is followed), else the
 * namespace of the `helm_release` it comes from, else `default`.
 */
export function namespaceOf(ctx: RuleContext, model: ModelObject): string {
  const own = model.object.metadata.namespace;
  if (own !== undefined && own !== "") return staticString(ctx, own) ?? String(own);
  if (model.resource.type === "helm_release") {
    const release = model.resource.body.namespace;
    if (release !== undefined && release !== "") return staticString(ctx, release) ?? String(release);
  }
  return "default";
}

/** The name of an object (a `${...}` reference to a literal is followed). */
export function nameOf(ctx: RuleContext, object: KubeObject): string | undefined {
  return object.metadata.name === undefined ? undefined : staticString(ctx, object.metadata.name) ?? object.metadata.name;
}

/** A workload object with its pod template and namespace. */
export interface WorkloadView {
  /** The model object. */
  readonly model: ModelObject;
  /** Its pod template. */
  readonly pod: PodTemplateView;
  /** The namespace its pods run in. */
  readonly namespace: string;
}

/** Every object with a pod template, in document order. */
export function workloadsOf(ctx: RuleContext): WorkloadView[] {
  const out: WorkloadView[] = [];
  for (const model of ctx.objects) {
    const pod = podTemplateOf(model.object);
    if (pod) out.push({ model, pod, namespace: namespaceOf(ctx, model) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Label selectors
// ---------------------------------------------------------------------------------------------

/** A `metav1.LabelSelector`: matchLabels plus matchExpressions. */
export interface LabelSelector {
  /** matchLabels. */
  readonly matchLabels: Readonly<Record<string, string>>;
  /** matchExpressions. */
  readonly matchExpressions: readonly { readonly key: string; readonly operator: string; readonly values: readonly string[] }[];
}

/** Read a `LabelSelector` field (`spec.selector` of a Deployment, `spec.podSelector` of a NetworkPolicy). */
export function readLabelSelector(value: unknown): LabelSelector | undefined {
  if (!isRecord(value)) return undefined;
  return {
    matchLabels: stringMap(value.matchLabels),
    matchExpressions: recordList(value.matchExpressions).map((e) => ({
      key: String(e.key ?? ""),
      operator: String(e.operator ?? ""),
      values: Array.isArray(e.values) ? e.values.map((v) => String(v)) : [],
    })),
  };
}

/** Whether a selector has no term: it selects every pod of its namespace. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Whether a label set satisfies a label selector (an empty selector matches everything). */
export function labelSelectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return selectorMatches(
    { matchLabels: { ...selector.matchLabels }, expressions: selector.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, values: [...e.values] })) },
    { ...labels },
  );
}

/** Whether a label set holds every pair of a plain map selector (a Service's `spec.selector`). */
export function mapSelectorMatches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** A plain map selector (a Service's `spec.selector`) as a label selector. */
export function selectorOfMap(map: Readonly<Record<string, string>>): LabelSelector {
  return { matchLabels: map, matchExpressions: [] };
}

/** A selector as messages show it: `{app=api, tier In (web)}`. */
export function showSelector(selector: LabelSelector): string {
  const terms = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions) terms.push(`${e.key} ${e.operator}${e.values.length > 0 ? ` (${e.values.join(", ")})` : ""}`);
  return `{${terms.join(", ")}}`;
}

/**
 * Pod labels that controllers put on pods they create at run time, so a selector on them matches pods no
 * manifest of the stack declares: cert-manager's HTTP-01 solver pods (`acme.cert-manager.io/http01-solver`).
 */
export const RUNTIME_POD_LABELS: readonly string[] = ["acme.cert-manager.io/http01-solver"];

/** Whether a selector names a label of {@link RUNTIME_POD_LABELS}. */
export function selectsRuntimePods(selector: LabelSelector): boolean {
  const keys = [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)];
  return keys.some((k) => RUNTIME_POD_LABELS.includes(k));
}

/** The pod templates of the stack by namespace, and the namespaces whose pods are not all known. */
export interface PodIndex {
  /** Workloads by the namespace their pods run in. */
  readonly byNamespace: ReadonlyMap<string, readonly WorkloadView[]>;
  /** Workloads by `namespace NUL key NUL value` of each pod template label. */
  readonly byLabel: ReadonlyMap<string, readonly WorkloadView[]>;
  /**
   * Namespaces where a `helm_release` installs a chart whose objects are not in the model (rendering not
   * requested, or failed): its pods are unknown, so "selects no pod" cannot be concluded there.
   */
  readonly partlyKnown: ReadonlySet<string>;
}

/** Index the pod templates by namespace (one pass over the objects and the releases). */
export function podIndex(ctx: RuleContext): PodIndex {
  const byNamespace = new Map<string, WorkloadView[]>();
  const byLabel = new Map<string, WorkloadView[]>();
  const push = (map: Map<string, WorkloadView[]>, key: string, w: WorkloadView): void => {
    const list = map.get(key);
    if (list) list.push(w);
    else map.set(key, [w]);
  };
  for (const w of workloadsOf(ctx)) {
    push(byNamespace, w.namespace, w);
    for (const [k, v] of Object.entries(w.pod.labels)) push(byLabel, labelKey(w.namespace, k, v), w);
  }
  const modelled = new Set(ctx.objects.map((o) => o.address));
  const partlyKnown = new Set<string>();
  for (const release of ctx.byType("helm_release")) {
    if (modelled.has(release.address)) continue;
    const ns = release.body.namespace;
    partlyKnown.add(ns === undefined || ns === "" ? "default" : staticString(ctx, ns) ?? String(ns));
  }
  return { byNamespace, byLabel, partlyKnown };
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

export { findingOn, objectLabel } from "./findings";

/** Evidence entries in first-seen order, without duplicates (several objects of one release share an address). */
export function uniqueEvidence(models: Iterable<ModelObject>): string[] {
  return [...new Set([...models].map((m) => m.address))];
}

/** What a selector selects in a namespace: the workloads, or `unknown` when the namespace's pods are not all known. */
export type Selection = { readonly known: true; readonly workloads: readonly WorkloadView[] } | { readonly known: false; readonly reason: string };

/**
 * The workloads whose pod template a selector matches in a namespace. `known: false` when no pod matches but the
 * answer cannot be trusted: the namespace has a `helm_release` whose objects are not in the model, or the selector
 * names pods controllers create at run time ({@link RUNTIME_POD_LABELS}).
 */
export function selectPods(index: PodIndex, namespace: string, selector: LabelSelector): Selection {
  // Candidates from the smallest label bucket the selector requires (the namespace's list without matchLabels).
  let candidates = index.byNamespace.get(namespace) ?? [];
  for (const [k, v] of Object.entries(selector.matchLabels)) {
    const bucket = index.byLabel.get(labelKey(namespace, k, v)) ?? [];
    if (bucket.length < candidates.length) candidates = bucket;
  }
  const workloads = candidates.filter((w) => labelSelectorMatches(selector, w.pod.labels));
  if (workloads.length > 0) return { known: true, workloads };
  if (selectsRuntimePods(selector)) return { known: false, reason: "selects pods a controller creates at run time" };
  if (index.partlyKnown.has(namespace)) return { known: false, reason: `namespace ${namespace} has a Helm release whose objects were not rendered` };
  return { known: true, workloads };
}
