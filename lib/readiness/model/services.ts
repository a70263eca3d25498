/**
 * Services, ConfigMaps, Secrets and label selectors over the model's objects: look-ups by reference or by
 * namespace/name, and selector → pods matching through a label index (near-linear, never all-pairs).
 */
import type { RuleContext } from "../types";
import { objectKey } from "./findings";
import { asList, block, first, memoized, records, staticString, stringMap } from "./json";
import { nameOfObject, namespaceOfObject } from "./metadata";
import type { ModelObject } from "./object";
import { workloads, type Workload } from "./workloads";

/** Whole-resource objects by Terraform address (objects inside a release are not reachable by reference). */
export function objectAtAddress(ctx: RuleContext, address: string): ModelObject | undefined {
  return memoized(ctx, "objectsByAddress", () => {
    const m = new Map<string, ModelObject>();
    for (const o of ctx.objects) if (o.objectRef === undefined && !m.has(o.address)) m.set(o.address, o);
    return m;
  }).get(address);
}

/**
 * The object of `kind` named by `nameValue` (a literal or a `${...}` reference) in `namespace`: a reference to its
 * resource resolves directly; otherwise the static name is looked up among objects of that kind.
 */
export function findNamed(ctx: RuleContext, kind: string, namespace: string, nameValue: unknown): ModelObject | undefined {
  const ref = ctx.resolve(nameValue);
  if (ref) {
    const o = objectAtAddress(ctx, ref.resource.address);
    if (o && o.object.kind === kind) return o;
  }
  const name = staticString(ctx, nameValue);
  if (name === undefined) return undefined;
  return memoized(ctx, `named:${kind}`, () => {
    const m = new Map<string, ModelObject>();
    for (const o of ctx.objectsOfKind(kind)) {
      const n = nameOfObject(ctx, o);
      if (n !== undefined && !m.has(`${namespaceOfObject(ctx, o)}/${n}`)) m.set(`${namespaceOfObject(ctx, o)}/${n}`, o);
    }
    return m;
  }).get(`${namespace}/${name}`);
}

/** A ConfigMap's `data` with static values. */
export function configMapData(ctx: RuleContext, cm: ModelObject): Record<string, string> {
  return stringMap(ctx, cm.object.data);
}

/** A Secret's keys and static values: `stringData` over `data` (provider secrets' plain-text data is stringData). */
export function secretData(ctx: RuleContext, secret: ModelObject): Record<string, string> {
  return { ...stringMap(ctx, secret.object.data), ...stringMap(ctx, secret.object.stringData) };
}

/** ConfigMaps a workload mounts as volumes (projected sources included). */
export function mountedConfigMaps(ctx: RuleContext, w: Workload): ModelObject[] {
  const out = new Map<string, ModelObject>();
  const add = (nameValue: unknown): void => {
    const cm = findNamed(ctx, "ConfigMap", w.namespace, nameValue);
    if (cm) out.set(objectKey(cm), cm);
  };
  for (const v of records(w.podSpec.volumes)) {
    const cmv = first(v.configMap);
    if (cmv) add(cmv.name);
    for (const src of records(first(v.projected)?.sources)) {
      const p = first(src.configMap);
      if (p) add(p.name);
    }
  }
  return [...out.values()];
}

/** One port of a Service. */
export interface ServicePort {
  /** `port`. */
  readonly port?: number;
  /** `name`. */
  readonly name?: string;
  /** `targetPort` as a string (number or container port name). */
  readonly targetPort?: string;
}

/** A Service read out. */
export interface ServiceView {
  /** The model object. */
  readonly model: ModelObject;
  /** Unique key (address, plus `#objectRef` inside a release). */
  readonly key: string;
  /** Static metadata.name. */
  readonly name?: string;
  /** Namespace. */
  readonly namespace: string;
  /** spec.selector. */
  readonly selector: Record<string, string>;
  /** spec.ports. */
  readonly ports: ServicePort[];
}

function readService(ctx: RuleContext, o: ModelObject): ServiceView {
  const spec = first(o.object.spec);
  const name = nameOfObject(ctx, o);
  return {
    model: o,
    key: objectKey(o),
    ...(name !== undefined ? { name } : {}),
    namespace: namespaceOfObject(ctx, o),
    selector: stringMap(ctx, spec?.selector),
    ports: records(spec?.ports).map((p) => {
      const port = Number(staticString(ctx, p.port));
      const targetPort = staticString(ctx, p.targetPort);
      return {
        ...(Number.isFinite(port) ? { port } : {}),
        ...(typeof p.name === "string" ? { name: p.name } : {}),
        ...(targetPort !== undefined ? { targetPort } : {}),
      };
    }),
  };
}

/** Every Service of the model. */
export function services(ctx: RuleContext): readonly ServiceView[] {
  return memoized(ctx, "services", () => ctx.objectsOfKind("Service").map((o) => readService(ctx, o)));
}

/** The Service view of a Service object. */
export function serviceOf(ctx: RuleContext, o: ModelObject): ServiceView | undefined {
  return memoized(ctx, "servicesByKey", () => new Map(services(ctx).map((s) => [s.key, s]))).get(objectKey(o));
}

/** Workloads whose pods a Service selects (none when its selector is empty: headless/manual endpoints). */
export function serviceTargets(ctx: RuleContext, svc: ServiceView): Workload[] {
  if (Object.keys(svc.selector).length === 0) return [];
  return selectPods(ctx, svc.namespace, { matchLabels: svc.selector, expressions: [] });
}

/** A label selector: matchLabels plus matchExpressions. */
export interface LabelSelector {
  /** matchLabels. */
  readonly matchLabels: Record<string, string>;
  /** matchExpressions. */
  readonly expressions: { key: string; operator: string; values: string[] }[];
}

/** Read a LabelSelector (`selector`, `podSelector`, `namespaceSelector`). */
export function readSelector(ctx: RuleContext, value: unknown): LabelSelector {
  const sel = first(value);
  if (!sel) return { matchLabels: {}, expressions: [] };
  const matchLabels = stringMap(ctx, sel.matchLabels);
  const expressions = records(sel.matchExpressions).map((e) => ({
    key: String(e.key ?? ""),
    operator: String(e.operator ?? ""),
    values: asList(e.values).map((v) => staticString(ctx, v) ?? String(v)),
  }));
  return { matchLabels, expressions };
}

/** Whether a selector has no terms (selects every pod of its namespace). */
export function isEmptySelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels).length === 0 && sel.expressions.length === 0;
}

/** Whether a label set satisfies a selector. */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false;
  for (const e of sel.expressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case "In":
        if (!has || !e.values.includes(labels[e.key])) return false;
        break;
      case "NotIn":
        if (has && e.values.includes(labels[e.key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

interface PodIndex {
  byNamespace: Map<string, Workload[]>;
  byLabel: Map<string, Workload[]>;
}

function podIndex(ctx: RuleContext): PodIndex {
  return memoized(ctx, "podIndex", () => {
    const byNamespace = new Map<string, Workload[]>();
    const byLabel = new Map<string, Workload[]>();
    const push = (m: Map<string, Workload[]>, k: string, w: Workload): void => {
      const l = m.get(k);
      if (l) l.push(w);
      else m.set(k, [w]);
    };
    for (const w of workloads(ctx)) {
      push(byNamespace, w.namespace, w);
      for (const [k, v] of Object.entries(w.podLabels)) push(byLabel, `${w.namespace}\u0000${k}\u0000${v}`, w);
    }
    return { byNamespace, byLabel };
  });
}

/**
 * Workloads in `namespace` whose pod labels satisfy the selector. An empty selector selects every
 * workload of the namespace. Candidates come from the label index (smallest bucket), then are filtered.
 */
export function selectPods(ctx: RuleContext, namespace: string, sel: LabelSelector): Workload[] {
  const idx = podIndex(ctx);
  let candidates: Workload[] | undefined;
  for (const [k, v] of Object.entries(sel.matchLabels)) {
    const bucket = idx.byLabel.get(`${namespace}\u0000${k}\u0000${v}`) ?? [];
    if (!candidates || bucket.length < candidates.length) candidates = bucket;
  }
  for (const e of sel.expressions) {
    if (e.operator !== "In") continue;
    const bucket = e.values.flatMap((v) => idx.byLabel.get(`${namespace}\u0000${e.key}\u0000${v}`) ?? []);
    if (!candidates || bucket.length < candidates.length) candidates = bucket;
  }
  const pool = candidates ?? idx.byNamespace.get(namespace) ?? [];
  return pool.filter((w) => selectorMatches(sel, w.podLabels));
}

/** `spec` of an object as a block. */
export function specOf(o: ModelObject): ReturnType<typeof block> {
  return block(o.object.spec);
}
