/**
 * Read the Terraform JSON of kubernetes/helm provider resources the same way whoever wrote it.
 * cdktf writes single nested blocks as objects and repeated blocks as arrays; hand-written JSON often
 * writes every block as an array of one object. Everything here is linear in the number of resources:
 * index first, then look up. References go through the RuleContext's resolver only.
 */
import { parse as parseYaml } from "yaml";
import type { ResourceView, RuleContext } from "./types";

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain object (not an array, not null). */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A block or list of blocks as a list: undefined → [], array → itself, anything else → [value]. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The objects of a block list (non-objects dropped). */
export function records(value: unknown): JsonObject[] {
  return asList(value).filter(isRecord);
}

/** A single nested block, whether written as an object or as an array of one object. */
export function first(value: unknown): JsonObject | undefined {
  if (Array.isArray(value)) return value.find(isRecord);
  return isRecord(value) ? value : undefined;
}

/** Walk nested single blocks by key: `block(body, "spec", "template", "spec")`. */
export function block(value: unknown, ...keys: string[]): JsonObject | undefined {
  let current = first(value);
  for (const key of keys) {
    if (!current) return undefined;
    current = first(current[key]);
  }
  return current;
}

/** A scalar as a string (numbers and booleans stringified); undefined otherwise. */
export function scalarString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Whether a JSON value is `true` (or the string "true"). */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** Whether a JSON value is `false` (or the string "false"). */
export function isFalse(value: unknown): boolean {
  return value === false || value === "false";
}

/** The statically known value of something as a string (references followed), or undefined. */
export function staticString(ctx: RuleContext, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return scalarString(ctx.staticValue(value));
}

/** A string map (labels, annotations, selectors, ConfigMap data) with references followed where static. */
export function stringMap(ctx: RuleContext, value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const obj = first(value);
  if (!obj) return out;
  for (const [k, v] of Object.entries(obj)) {
    const s = staticString(ctx, v) ?? scalarString(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** How a finding points at a resource. */
export interface FindingTarget {
  readonly address: string;
  readonly constructPath?: string;
}

/** Address + construct path of a resource, for a finding. */
export function targetOf(resource: ResourceView): FindingTarget {
  return resource.constructPath === undefined
    ? { address: resource.address }
    : { address: resource.address, constructPath: resource.constructPath };
}

/** A finding on a resource. */
export function findingAt(
  resource: ResourceView,
  message: string,
  remediation?: string,
): { message: string; address: string; constructPath?: string; remediation?: string } {
  return remediation === undefined ? { ...targetOf(resource), message } : { ...targetOf(resource), message, remediation };
}

/** Unique strings in first-seen order. */
export function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------------------------------------
// Per-context memo (rules share one extraction per check run)
// ---------------------------------------------------------------------------------------------

const memo = new WeakMap<RuleContext, Map<string, unknown>>();

function memoized<T>(ctx: RuleContext, key: string, compute: () => T): T {
  let cache = memo.get(ctx);
  if (!cache) {
    cache = new Map();
    memo.set(ctx, cache);
  }
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** Resources of several types, in the order of the type list. */
export function resourcesOfTypes(ctx: RuleContext, types: readonly string[]): ResourceView[] {
  return types.flatMap((t) => [...ctx.byType(t)]);
}

/** The namespace an object lives in: static metadata.namespace, else the raw expression, else "default". */
export function namespaceOf(ctx: RuleContext, resource: ResourceView): string {
  const raw = block(resource.body, "metadata")?.namespace;
  if (raw === undefined || raw === null || raw === "") return "default";
  return staticString(ctx, raw) ?? String(raw);
}

/** The static metadata.name of a Kubernetes object. */
export function metadataName(ctx: RuleContext, resource: ResourceView): string | undefined {
  const meta = block(resource.body, "metadata");
  if (!meta) return undefined;
  return staticString(ctx, meta.name) ?? staticString(ctx, meta.generate_name);
}

/** The `//.readystack.component` of a resource, else its `app.kubernetes.io/component` label. */
export function componentOf(ctx: RuleContext, resource: ResourceView): string | undefined {
  const rs = resource.readystack.component;
  if (typeof rs === "string") return rs;
  return stringMap(ctx, block(resource.body, "metadata")?.labels)[COMPONENT_LABEL];
}

/** The standard component label. */
export const COMPONENT_LABEL = "app.kubernetes.io/component";

/** Whether a resource's `lifecycle.prevent_destroy` is true. */
export function preventsDestroy(resource: ResourceView): boolean {
  return isTrue(first(resource.body.lifecycle)?.prevent_destroy);
}

// ---------------------------------------------------------------------------------------------
// Workloads and containers
// ---------------------------------------------------------------------------------------------

/** Workload kinds the rules understand. */
export type WorkloadKind = "Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob" | "Pod";

/** Terraform resource type → workload kind. */
export const WORKLOAD_TYPES: Readonly<Record<string, WorkloadKind>> = {
  kubernetes_deployment: "Deployment",
  kubernetes_deployment_v1: "Deployment",
  kubernetes_stateful_set: "StatefulSet",
  kubernetes_stateful_set_v1: "StatefulSet",
  kubernetes_daemonset: "DaemonSet",
  kubernetes_daemon_set_v1: "DaemonSet",
  kubernetes_job: "Job",
  kubernetes_job_v1: "Job",
  kubernetes_cron_job: "CronJob",
  kubernetes_cron_job_v1: "CronJob",
  kubernetes_pod: "Pod",
  kubernetes_pod_v1: "Pod",
};

/** One env entry of a container. */
export interface EnvVar {
  /** Variable name. */
  readonly name: string;
  /** The literal (or reference) `value`, when set. */
  readonly value?: unknown;
  /** `value_from` block, when set. */
  readonly valueFrom?: JsonObject;
}

/** One container (or init container) of a workload. */
export interface ContainerView {
  /** Container name. */
  readonly name: string;
  /** Whether it is an init container. */
  readonly init: boolean;
  /** The `image` as written (may be a reference). */
  readonly rawImage: unknown;
  /** The static image string, when known. */
  readonly image?: string;
  /** The container block. */
  readonly body: JsonObject;
  /** Its env entries. */
  readonly env: EnvVar[];
  /** Its `env_from` blocks. */
  readonly envFrom: JsonObject[];
  /** `security_context` block. */
  readonly securityContext?: JsonObject;
  /** Human label for messages: `container "api"` or `init container "wait"`. */
  readonly label: string;
}

/** A workload resource with its pod template read out. */
export interface Workload {
  /** The Terraform resource. */
  readonly resource: ResourceView;
  /** Its kind. */
  readonly kind: WorkloadKind;
  /** Everything but Jobs and CronJobs. */
  readonly longRunning: boolean;
  /** Static metadata.name. */
  readonly name?: string;
  /** Namespace (static, else the raw expression, else "default"). */
  readonly namespace: string;
  /** Labels of the workload object. */
  readonly labels: Record<string, string>;
  /** Labels of its pods (template metadata; for a Pod, its own labels). */
  readonly podLabels: Record<string, string>;
  /** `//.readystack.component`, else the component label of the object or its pods. */
  readonly component?: string;
  /** The pod spec block (empty object when missing). */
  readonly podSpec: JsonObject;
  /** The spec block of the workload itself (Deployment spec, CronJob spec...). */
  readonly spec: JsonObject;
  /** Main containers. */
  readonly containers: ContainerView[];
  /** Init containers. */
  readonly initContainers: ContainerView[];
}

/** Main and init containers of a workload, init containers first (the order they run). */
export function allContainers(w: Workload): ContainerView[] {
  return [...w.initContainers, ...w.containers];
}

function podTemplate(kind: WorkloadKind, spec: JsonObject | undefined): JsonObject | undefined {
  if (!spec) return undefined;
  if (kind === "Pod") return undefined;
  if (kind === "CronJob") return block(spec, "job_template", "spec", "template");
  return block(spec, "template");
}

function envVars(containerBody: JsonObject): EnvVar[] {
  const out: EnvVar[] = [];
  for (const e of records(containerBody.env)) {
    if (typeof e.name !== "string") continue;
    const vf = first(e.value_from);
    out.push({ name: e.name, ...(e.value !== undefined ? { value: e.value } : {}), ...(vf ? { valueFrom: vf } : {}) });
  }
  return out;
}

function containerViews(ctx: RuleContext, list: unknown, init: boolean): ContainerView[] {
  return records(list).map((c, i) => {
    const name = typeof c.name === "string" ? c.name : `#${i}`;
    const image = staticString(ctx, c.image);
    const sc = first(c.security_context);
    return {
      name,
      init,
      rawImage: c.image,
      ...(image !== undefined ? { image } : {}),
      body: c,
      env: envVars(c),
      envFrom: records(c.env_from),
      ...(sc ? { securityContext: sc } : {}),
      label: `${init ? "init container" : "container"} "${name}"`,
    };
  });
}

function readWorkload(ctx: RuleContext, resource: ResourceView, kind: WorkloadKind): Workload {
  const spec = block(resource.body, "spec") ?? {};
  const template = podTemplate(kind, spec);
  const podSpec = (kind === "Pod" ? spec : block(template, "spec")) ?? {};
  const labels = stringMap(ctx, block(resource.body, "metadata")?.labels);
  const podLabels = kind === "Pod" ? labels : stringMap(ctx, block(template, "metadata")?.labels);
  const rsComponent = resource.readystack.component;
  const component =
    typeof rsComponent === "string" ? rsComponent : labels[COMPONENT_LABEL] ?? podLabels[COMPONENT_LABEL];
  const name = metadataName(ctx, resource);
  return {
    resource,
    kind,
    longRunning: kind !== "Job" && kind !== "CronJob",
    ...(name !== undefined ? { name } : {}),
    namespace: namespaceOf(ctx, resource),
    labels,
    podLabels,
    ...(component !== undefined ? { component } : {}),
    podSpec,
    spec,
    containers: containerViews(ctx, podSpec.container, false),
    initContainers: containerViews(ctx, podSpec.init_container, true),
  };
}

/** Every workload of the stack, in the order of {@link WORKLOAD_TYPES}, then document order. */
export function workloads(ctx: RuleContext): readonly Workload[] {
  return memoized(ctx, "workloads", () => {
    const out: Workload[] = [];
    for (const [type, kind] of Object.entries(WORKLOAD_TYPES)) {
      for (const r of ctx.byType(type)) out.push(readWorkload(ctx, r, kind));
    }
    return out;
  });
}

/** The workload of a resource address, when it is one. */
export function workloadByAddress(ctx: RuleContext, address: string): Workload | undefined {
  return memoized(ctx, "workloadsByAddress", () => new Map(workloads(ctx).map((w) => [w.resource.address, w]))).get(address);
}

/** Workloads by namespace and static name: `ns/kind/name`. */
export function workloadByName(ctx: RuleContext, namespace: string, kind: WorkloadKind, name: string): Workload | undefined {
  return memoized(ctx, "workloadsByName", () => {
    const m = new Map<string, Workload>();
    for (const w of workloads(ctx)) if (w.name !== undefined) m.set(`${w.namespace}/${w.kind}/${w.name}`, w);
    return m;
  }).get(`${namespace}/${kind}/${name}`);
}

/** Whether a workload is a readystack component, by `//.readystack.component` or label. */
export function hasComponent(w: Workload, component: string): boolean {
  return w.component === component;
}

/** Components that are never the API when no Deployment is marked as one. */
const NON_API_COMPONENTS = new Set([
  "database", "cache", "backup", "restore-verify", "migrations", "ingress", "ingress-controller",
  "cert-manager", "loki", "promtail", "alloy",
]);

/**
 * The API Deployments: those marked component "api" (label app.kubernetes.io/component=api or
 * `//.readystack.component` = "api"); when none is marked, every Deployment that is not a known
 * other component (database, cache...) nor runs a Postgres/Redis image.
 */
export function apiWorkloads(ctx: RuleContext): readonly Workload[] {
  return memoized(ctx, "apiWorkloads", () => {
    const deployments = workloads(ctx).filter((w) => w.kind === "Deployment");
    const marked = deployments.filter((w) => w.component === "api");
    if (marked.length > 0) return marked;
    return deployments.filter(
      (w) => !(w.component !== undefined && NON_API_COMPONENTS.has(w.component)) && !isPostgresWorkload(w) && !isRedisWorkload(w),
    );
  });
}

/** The repository part of an image reference, lower-cased (`docker.io/library/redis:7` → `docker.io/library/redis`). */
export function imageRepository(image: string): string {
  const noDigest = image.split("@")[0];
  const lastSlash = noDigest.lastIndexOf("/");
  const lastColon = noDigest.lastIndexOf(":");
  return (lastColon > lastSlash ? noDigest.slice(0, lastColon) : noDigest).toLowerCase();
}

/** The last path segment of an image repository: `bitnami/redis` → `redis`. */
export function imageBaseName(image: string): string {
  const repo = imageRepository(image);
  return repo.slice(repo.lastIndexOf("/") + 1);
}

/** Whether a container runs Redis (image name contains "redis", exporters excluded). */
export function isRedisContainer(c: ContainerView): boolean {
  if (c.image === undefined) return false;
  const base = imageBaseName(c.image);
  return base.includes("redis") && !base.includes("exporter");
}

/** Whether a container runs PostgreSQL (image name postgres/postgresql, exporters excluded). */
export function isPostgresContainer(c: ContainerView): boolean {
  if (c.image === undefined) return false;
  const base = imageBaseName(c.image);
  return (base.includes("postgres") || base === "pgvector") && !base.includes("exporter");
}

/** Redis workloads: component "cache" or a main container running a Redis image. */
export function isRedisWorkload(w: Workload): boolean {
  return w.component === "cache" || w.containers.some(isRedisContainer);
}

/** Postgres workloads: component "database" or a long-running workload with a main Postgres container. */
export function isPostgresWorkload(w: Workload): boolean {
  return w.component === "database" || (w.longRunning && w.containers.some(isPostgresContainer));
}

/** Every container of every workload with its static image: the image inventory. */
export interface ImageUse {
  readonly workload: Workload;
  readonly container: ContainerView;
  readonly image?: string;
}

/** Images of every container (init containers included) of every workload. */
export function containerImages(ctx: RuleContext): readonly ImageUse[] {
  return workloads(ctx).flatMap((w) =>
    allContainers(w).map((c) => (c.image !== undefined ? { workload: w, container: c, image: c.image } : { workload: w, container: c })),
  );
}

/** The env var of a container by name. */
export function envByName(c: ContainerView, name: string): EnvVar | undefined {
  return c.env.find((e) => e.name === name);
}

/** `value_from.secret_key_ref` of an env var. */
export function secretKeyRef(e: EnvVar): JsonObject | undefined {
  return block(e.valueFrom, "secret_key_ref");
}

/** `value_from.config_map_key_ref` of an env var. */
export function configMapKeyRef(e: EnvVar): JsonObject | undefined {
  return block(e.valueFrom, "config_map_key_ref");
}

/** Command and args of a container, as one list of static strings. */
export function commandLine(ctx: RuleContext, c: ContainerView): string[] {
  return [...asList(c.body.command), ...asList(c.body.args)]
    .map((a) => staticString(ctx, a) ?? scalarString(a))
    .filter((a): a is string => a !== undefined);
}

/** A probe block of a container (`readiness_probe`, `liveness_probe`, `startup_probe`). */
export function probe(c: ContainerView, kind: "readiness_probe" | "liveness_probe" | "startup_probe"): JsonObject | undefined {
  return first(c.body[kind]);
}

/** Declared ports of a container: numbers and names. */
export function containerPorts(c: ContainerView): { numbers: Set<number>; names: Set<string> } {
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const p of records(c.body.port)) {
    const n = Number(p.container_port);
    if (Number.isFinite(n)) numbers.add(n);
    if (typeof p.name === "string") names.add(p.name);
  }
  return { numbers, names };
}

// ---------------------------------------------------------------------------------------------
// ConfigMaps, Secrets, Services
// ---------------------------------------------------------------------------------------------

/** ConfigMap resource types. */
export const CONFIG_MAP_TYPES = ["kubernetes_config_map", "kubernetes_config_map_v1"] as const;
/** Secret resource types. */
export const SECRET_TYPES = ["kubernetes_secret", "kubernetes_secret_v1"] as const;
/** Service resource types. */
export const SERVICE_TYPES = ["kubernetes_service", "kubernetes_service_v1"] as const;

function indexByNamespaceAndName(ctx: RuleContext, key: string, types: readonly string[]): Map<string, ResourceView> {
  return memoized(ctx, key, () => {
    const m = new Map<string, ResourceView>();
    for (const r of resourcesOfTypes(ctx, types)) {
      const name = metadataName(ctx, r);
      if (name !== undefined) m.set(`${namespaceOf(ctx, r)}/${name}`, r);
    }
    return m;
  });
}

/**
 * Find an object of the given types named by `nameValue` (a literal or a reference) in `namespace`.
 * A reference to such a resource resolves directly; otherwise the static name is looked up.
 */
export function findNamed(
  ctx: RuleContext,
  types: readonly string[],
  namespace: string,
  nameValue: unknown,
): ResourceView | undefined {
  const ref = ctx.resolve(nameValue);
  if (ref && types.includes(ref.resource.type)) return ref.resource;
  const name = staticString(ctx, nameValue);
  if (name === undefined) return undefined;
  return indexByNamespaceAndName(ctx, `named:${types.join(",")}`, types).get(`${namespace}/${name}`);
}

/** A ConfigMap's `data` with static values. */
export function configMapData(ctx: RuleContext, cm: ResourceView): Record<string, string> {
  return stringMap(ctx, cm.body.data);
}

/** ConfigMaps a workload mounts as volumes (projected sources included) and loads through env_from/config_map_key_ref. */
export function mountedConfigMaps(ctx: RuleContext, w: Workload): ResourceView[] {
  const out = new Map<string, ResourceView>();
  const add = (nameValue: unknown): void => {
    const cm = findNamed(ctx, CONFIG_MAP_TYPES, w.namespace, nameValue);
    if (cm) out.set(cm.address, cm);
  };
  for (const v of records(w.podSpec.volume)) {
    const cmv = first(v.config_map);
    if (cmv) add(cmv.name);
    for (const src of records(first(v.projected)?.sources)) {
      const p = first(src.config_map);
      if (p) add(p.name);
    }
  }
  return [...out.values()];
}

/** Services by static selector: the Postgres/Redis Services and the like are found through this. */
export interface ServiceView {
  readonly resource: ResourceView;
  readonly name?: string;
  readonly namespace: string;
  readonly selector: Record<string, string>;
  readonly ports: { port?: number; name?: string; targetPort?: string }[];
}

/** Every Service of the stack. */
export function services(ctx: RuleContext): readonly ServiceView[] {
  return memoized(ctx, "services", () =>
    resourcesOfTypes(ctx, SERVICE_TYPES).map((r) => {
      const spec = block(r.body, "spec");
      const name = metadataName(ctx, r);
      return {
        resource: r,
        ...(name !== undefined ? { name } : {}),
        namespace: namespaceOf(ctx, r),
        selector: stringMap(ctx, spec?.selector),
        ports: records(spec?.port).map((p) => {
          const port = Number(staticString(ctx, p.port));
          const targetPort = staticString(ctx, p.target_port);
          return {
            ...(Number.isFinite(port) ? { port } : {}),
            ...(typeof p.name === "string" ? { name: p.name } : {}),
            ...(targetPort !== undefined ? { targetPort } : {}),
          };
        }),
      };
    }),
  );
}

/** The Service view of a Service resource. */
export function serviceOf(ctx: RuleContext, resource: ResourceView): ServiceView | undefined {
  return memoized(ctx, "servicesByAddress", () => new Map(services(ctx).map((s) => [s.resource.address, s]))).get(resource.address);
}

/** Workloads whose pods a Service selects (none when its selector is empty: headless/manual endpoints). */
export function serviceTargets(ctx: RuleContext, svc: ServiceView): Workload[] {
  if (Object.keys(svc.selector).length === 0) return [];
  return selectPods(ctx, svc.namespace, { matchLabels: svc.selector, expressions: [] });
}

// ---------------------------------------------------------------------------------------------
// Label selectors → pods (indexed, near-linear)
// ---------------------------------------------------------------------------------------------

/** A label selector: match_labels plus match_expressions. */
export interface LabelSelector {
  readonly matchLabels: Record<string, string>;
  readonly expressions: { key: string; operator: string; values: string[] }[];
}

/** Read a `selector`/`pod_selector` block (snake_case, or camelCase inside kubernetes_manifest). */
export function readSelector(ctx: RuleContext, value: unknown): LabelSelector {
  const sel = first(value);
  if (!sel) return { matchLabels: {}, expressions: [] };
  const matchLabels = stringMap(ctx, sel.match_labels ?? sel.matchLabels);
  const expressions = records(sel.match_expressions ?? sel.matchExpressions).map((e) => ({
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

// ---------------------------------------------------------------------------------------------
// Helm releases
// ---------------------------------------------------------------------------------------------

/** One `set`/`set_sensitive`/`set_list` entry. */
export interface HelmSet {
  readonly name: string;
  readonly value: unknown;
  readonly sensitive: boolean;
}

/** A helm_release with its values parsed. */
export interface HelmRelease {
  readonly resource: ResourceView;
  /** Release name (static). */
  readonly name?: string;
  /** Chart name, normalised: `grafana/promtail`, `oci://.../promtail`, `.../promtail-6.1.0.tgz` → `promtail`. */
  readonly chart: string;
  /** `version` as written (static), when set. */
  readonly version?: string;
  /** Namespace (static), "default" when unset. */
  readonly namespace: string;
  /** `values` merged in order, then `set` entries applied. */
  readonly values: JsonObject;
  /** Raw `values` strings that could not be parsed (e.g. `${yamlencode(...)}`). */
  readonly unparsedValues: string[];
  /** `set`, `set_sensitive` and `set_list` entries. */
  readonly sets: HelmSet[];
  /** `//.readystack.component`, when recorded. */
  readonly component?: string;
}

/** Normalise a chart reference to its bare chart name. */
export function chartName(chart: string): string {
  let c = chart.trim().replace(/\/+$/, "");
  c = c.slice(c.lastIndexOf("/") + 1);
  if (c.endsWith(".tgz")) c = c.slice(0, -4).replace(/-v?\d+\.\d+\.\d+.*$/, "");
  return c.toLowerCase();
}

/** Deep-merge `src` into `dst` the way Helm merges values files (maps merge, everything else replaces). */
export function mergeValues(dst: JsonObject, src: JsonObject): JsonObject {
  for (const [k, v] of Object.entries(src)) {
    const cur = dst[k];
    if (isRecord(cur) && isRecord(v)) dst[k] = mergeValues({ ...cur }, v);
    else dst[k] = v;
  }
  return dst;
}

/** Split a Helm `--set` path on unescaped dots: `a.b\.c` → ["a", "b.c"]; `a[0]` kept as a key `a[0]`. */
export function splitSetPath(path: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === "\\" && i + 1 < path.length) {
      cur += path[++i];
    } else if (ch === ".") {
      out.push(cur);
      cur = "";
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

function applySet(values: JsonObject, path: string, value: unknown): void {
  const parts = splitSetPath(path);
  let cur: JsonObject = values;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]];
    if (isRecord(next)) cur = next;
    else {
      const created: JsonObject = {};
      cur[parts[i]] = created;
      cur = created;
    }
  }
  cur[parts[parts.length - 1]] = value;
}

function readRelease(ctx: RuleContext, r: ResourceView): HelmRelease {
  const values: JsonObject = {};
  const unparsedValues: string[] = [];
  for (const raw of asList(r.body.values)) {
    if (typeof raw !== "string") continue;
    try {
      const parsed: unknown = parseYaml(raw);
      if (isRecord(parsed)) mergeValues(values, parsed);
      else if (parsed !== null && parsed !== undefined) unparsedValues.push(raw);
    } catch {
      unparsedValues.push(raw);
    }
  }
  const sets: HelmSet[] = [];
  for (const [key, sensitive] of [["set", false], ["set_list", false], ["set_sensitive", true]] as const) {
    for (const s of records(r.body[key])) {
      if (typeof s.name !== "string") continue;
      const value = s.value;
      sets.push({ name: s.name, value, sensitive });
      applySet(values, s.name, value);
    }
  }
  const chart = staticString(ctx, r.body.chart) ?? "";
  const version = staticString(ctx, r.body.version);
  const name = staticString(ctx, r.body.name);
  const ns = r.body.namespace;
  const component = typeof r.readystack.component === "string" ? r.readystack.component : undefined;
  return {
    resource: r,
    ...(name !== undefined ? { name } : {}),
    chart: chartName(chart),
    ...(version !== undefined ? { version } : {}),
    namespace: ns === undefined || ns === "" ? "default" : staticString(ctx, ns) ?? String(ns),
    values,
    unparsedValues,
    sets,
    ...(component !== undefined ? { component } : {}),
  };
}

/** Every helm_release with merged values. */
export function helmReleases(ctx: RuleContext): readonly HelmRelease[] {
  return memoized(ctx, "helmReleases", () => ctx.byType("helm_release").map((r) => readRelease(ctx, r)));
}

/** A value inside nested objects by key path (single blocks as arrays are looked through). */
export function valueAt(root: unknown, ...path: string[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    const obj = first(cur);
    if (!obj) return undefined;
    cur = obj[key];
  }
  return cur;
}

/** Visit every value of a nested JSON/YAML tree (objects and arrays), with the key it sits under. */
export function walkTree(root: unknown, visit: (key: string | undefined, value: unknown, path: string) => void): void {
  const stack: { key: string | undefined; value: unknown; path: string }[] = [{ key: undefined, value: root, path: "" }];
  while (stack.length > 0) {
    const { key, value, path } = stack.pop() as { key: string | undefined; value: unknown; path: string };
    visit(key, value, path);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ key, value: value[i], path: `${path}[${i}]` });
    } else if (isRecord(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i];
        stack.push({ key: k, value: v, path: path === "" ? k : `${path}.${k}` });
      }
    }
  }
}

/** Parse a string as YAML when it looks like a document; undefined when it does not parse to a map/list. */
export function tryParseYaml(text: string): unknown {
  if (!/[:\n-]/.test(text)) return undefined;
  try {
    const parsed: unknown = parseYaml(text);
    return isRecord(parsed) || Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Log shippers
// ---------------------------------------------------------------------------------------------

/** A log shipper: a promtail/alloy Helm release or a promtail/alloy DaemonSet. */
export interface LogShipper {
  readonly resource: ResourceView;
  readonly kind: "promtail" | "alloy";
  /** Config trees to search: Helm values, or the parsed ConfigMaps the DaemonSet mounts. */
  readonly configs: unknown[];
  /** Raw config text (ConfigMap data, alloy configMap.content) for text searches. */
  readonly texts: string[];
  /** Namespace the shipper is installed in. */
  readonly namespace: string;
}

function shipperKindOfName(name: string): "promtail" | "alloy" | undefined {
  if (name.includes("promtail")) return "promtail";
  if (name.includes("alloy")) return "alloy";
  return undefined;
}

/** Every log shipper the JSON shows. */
export function logShippers(ctx: RuleContext): readonly LogShipper[] {
  return memoized(ctx, "logShippers", () => {
    const out: LogShipper[] = [];
    for (const rel of helmReleases(ctx)) {
      const kind = shipperKindOfName(rel.chart);
      if (!kind) continue;
      const texts: string[] = [];
      walkTree(rel.values, (_k, v) => {
        if (typeof v === "string" && v.includes("\n")) texts.push(v);
      });
      // Alloy reading an existing ConfigMap: alloy.configMap.name.
      const cmName = valueAt(rel.values, "alloy", "configMap", "name");
      if (cmName !== undefined) {
        const cm = findNamed(ctx, CONFIG_MAP_TYPES, rel.namespace, cmName);
        if (cm) texts.push(...Object.values(configMapData(ctx, cm)));
      }
      out.push({ resource: rel.resource, kind, configs: [rel.values], texts, namespace: rel.namespace });
    }
    for (const w of workloads(ctx)) {
      if (w.kind !== "DaemonSet") continue;
      const kind = w.containers.map((c) => (c.image ? shipperKindOfName(imageBaseName(c.image)) : undefined)).find((k) => k);
      if (!kind) continue;
      const texts = mountedConfigMaps(ctx, w).flatMap((cm) => Object.values(configMapData(ctx, cm)));
      out.push({ resource: w.resource, kind, configs: [], texts, namespace: w.namespace });
    }
    return out;
  });
}

/** Config trees of a shipper: its values plus every config text that parses as YAML. */
export function shipperTrees(s: LogShipper): unknown[] {
  const trees = [...s.configs];
  for (const t of s.texts) {
    const parsed = tryParseYaml(t);
    if (parsed !== undefined) trees.push(parsed);
  }
  return trees;
}

/** Whether a shipper parses JSON log lines: promtail pipeline_stages with a `json` stage; alloy `stage.json`. */
export function shipperParsesJson(s: LogShipper): boolean {
  if (s.kind === "alloy") {
    let found = s.texts.some((t) => /\bstage\.json\b/.test(t));
    if (!found) {
      for (const tree of s.configs) {
        walkTree(tree, (_k, v) => {
          if (typeof v === "string" && /\bstage\.json\b/.test(v)) found = true;
        });
      }
    }
    return found;
  }
  let found = false;
  for (const tree of shipperTrees(s)) {
    walkTree(tree, (key, v) => {
      if (found) return;
      if ((key === "pipeline_stages" || key === "pipelineStages") && Array.isArray(v)) {
        if (v.some((stage) => isRecord(stage) && Object.prototype.hasOwnProperty.call(stage, "json"))) found = true;
      } else if (typeof v === "string" && /pipeline_stages|^\s*-\s*json\s*:/m.test(v)) {
        const parsed = tryParseYaml(v);
        if (parsed !== undefined) {
          walkTree(parsed, (k2, v2) => {
            if ((k2 === "pipeline_stages" || k2 === "pipelineStages") && Array.isArray(v2)) {
              if (v2.some((stage) => isRecord(stage) && Object.prototype.hasOwnProperty.call(stage, "json"))) found = true;
            }
          });
          if (!found && Array.isArray(parsed) && parsed.some((st) => isRecord(st) && "json" in st)) found = true;
        }
      }
    });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes manifests (kubernetes_manifest)
// ---------------------------------------------------------------------------------------------

/**
 * A kubernetes_manifest with its manifest read out (camelCase keys, as in plain Kubernetes YAML); also an object of
 * a helm_release's `objects` values ({@link helmObjects}), then `resource` is the release.
 */
export interface ManifestView {
  readonly resource: ResourceView;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace: string;
  readonly manifest: JsonObject;
}

/** Every kubernetes_manifest whose manifest is a static object. */
export function manifests(ctx: RuleContext): readonly ManifestView[] {
  return memoized(ctx, "manifests", () =>
    ctx.byType("kubernetes_manifest").flatMap((r) => {
      const m = first(r.body.manifest);
      if (!m) return [];
      const meta = first(m.metadata);
      const kind = staticString(ctx, m.kind);
      const name = staticString(ctx, meta?.name);
      const ns = meta?.namespace;
      return [{
        resource: r,
        ...(kind !== undefined ? { kind } : {}),
        ...(name !== undefined ? { name } : {}),
        namespace: ns === undefined || ns === "" ? "default" : staticString(ctx, ns) ?? String(ns),
        manifest: m,
      }];
    }),
  );
}

/**
 * Objects a helm_release delivers through an `objects` list in its values (readystack's `readystack-manifests`
 * chart, and any chart following that convention), read like kubernetes_manifest: `resource` is the release;
 * an object without metadata.namespace lives in the release's namespace.
 */
export function helmObjects(ctx: RuleContext): readonly ManifestView[] {
  return memoized(ctx, "helmObjects", () =>
    helmReleases(ctx).flatMap((rel) =>
      records(rel.values.objects).map((m) => {
        const meta = first(m.metadata);
        const kind = staticString(ctx, m.kind);
        const name = staticString(ctx, meta?.name);
        const ns = meta?.namespace;
        return {
          resource: rel.resource,
          ...(kind !== undefined ? { kind } : {}),
          ...(name !== undefined ? { name } : {}),
          namespace: ns === undefined || ns === null || ns === "" ? rel.namespace : staticString(ctx, ns) ?? String(ns),
          manifest: m,
        };
      }),
    ),
  );
}

/** Kubernetes objects defined in the stack as kubernetes_manifest or inside a helm_release's `objects` values. */
export function kubernetesObjects(ctx: RuleContext): readonly ManifestView[] {
  return memoized(ctx, "kubernetesObjects", () => [...manifests(ctx), ...helmObjects(ctx)]);
}

// ---------------------------------------------------------------------------------------------
// Ingresses
// ---------------------------------------------------------------------------------------------

/** Ingress resource types (networking/v1 and the old v1beta1 one). */
export const INGRESS_TYPES = ["kubernetes_ingress_v1", "kubernetes_ingress"] as const;

/** A backend of an ingress path (or the default backend). */
export interface IngressBackend {
  /** The service name as written (a literal or a reference). */
  readonly serviceName: unknown;
  /** Port number, when given. */
  readonly portNumber?: number;
  /** Port name, when given. */
  readonly portName?: string;
  /** Where it sits, for messages: `rule[0].path[1]` or `default_backend`. */
  readonly where: string;
}

/** An ingress read out. */
export interface IngressView {
  readonly resource: ResourceView;
  readonly namespace: string;
  /** spec.ingress_class_name, else the kubernetes.io/ingress.class annotation. */
  readonly className?: string;
  readonly annotations: Record<string, string>;
  /** Hosts of the rules (static); `undefined` for a rule without host. */
  readonly ruleHosts: (string | undefined)[];
  /** Hosts of all tls entries (static). */
  readonly tlsHosts: string[];
  readonly backends: IngressBackend[];
}

function readBackend(ctx: RuleContext, b: JsonObject | undefined, where: string): IngressBackend | undefined {
  if (!b) return undefined;
  const svc = block(b, "service");
  if (svc) {
    const port = block(svc, "port");
    const num = Number(staticString(ctx, port?.number));
    const name = staticString(ctx, port?.name);
    return {
      serviceName: svc.name,
      ...(port?.number !== undefined && Number.isFinite(num) ? { portNumber: num } : {}),
      ...(name !== undefined && name !== "" ? { portName: name } : {}),
      where,
    };
  }
  if (b.service_name !== undefined) {
    const p = staticString(ctx, b.service_port);
    return {
      serviceName: b.service_name,
      ...(p !== undefined && /^\d+$/.test(p) ? { portNumber: Number(p) } : p !== undefined ? { portName: p } : {}),
      where,
    };
  }
  return undefined;
}

/** Every ingress of the stack. */
export function ingresses(ctx: RuleContext): readonly IngressView[] {
  return memoized(ctx, "ingresses", () =>
    resourcesOfTypes(ctx, INGRESS_TYPES).map((r) => {
      const spec = block(r.body, "spec") ?? {};
      const annotations = stringMap(ctx, block(r.body, "metadata")?.annotations);
      const className = staticString(ctx, spec.ingress_class_name) ?? annotations["kubernetes.io/ingress.class"];
      const ruleHosts: (string | undefined)[] = [];
      const backends: IngressBackend[] = [];
      records(spec.rule).forEach((rule, i) => {
        const host = staticString(ctx, rule.host);
        ruleHosts.push(host === "" ? undefined : host);
        records(block(rule, "http")?.path).forEach((p, j) => {
          const b = readBackend(ctx, block(p, "backend"), `rule[${i}].path[${j}]`);
          if (b) backends.push(b);
        });
      });
      const def = readBackend(ctx, block(spec, "default_backend") ?? block(spec, "backend"), "default_backend");
      if (def) backends.push(def);
      const tlsHosts = records(spec.tls).flatMap((t) =>
        asList(t.hosts).map((h) => staticString(ctx, h)).filter((h): h is string => h !== undefined),
      );
      return {
        resource: r,
        namespace: namespaceOf(ctx, r),
        ...(className !== undefined ? { className } : {}),
        annotations,
        ruleHosts,
        tlsHosts,
        backends,
      };
    }),
  );
}

/** Whether a TLS host (possibly `*.example.com`) covers a rule host. */
export function tlsCovers(tlsHost: string, host: string): boolean {
  const t = tlsHost.toLowerCase();
  const h = host.toLowerCase();
  if (t === h) return true;
  if (t.startsWith("*.")) {
    const rest = h.slice(h.indexOf(".") + 1);
    return h.includes(".") && rest === t.slice(2) && !h.startsWith("*.");
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Autoscaling and disruption budgets
// ---------------------------------------------------------------------------------------------

/** HorizontalPodAutoscaler resource types. */
export const HPA_TYPES = [
  "kubernetes_horizontal_pod_autoscaler_v2",
  "kubernetes_horizontal_pod_autoscaler_v2beta2",
  "kubernetes_horizontal_pod_autoscaler_v1",
  "kubernetes_horizontal_pod_autoscaler",
] as const;

/** PodDisruptionBudget resource types. */
export const PDB_TYPES = ["kubernetes_pod_disruption_budget_v1", "kubernetes_pod_disruption_budget"] as const;

/** An HPA read out. */
export interface HpaView {
  readonly resource: ResourceView;
  readonly namespace: string;
  /** spec.min_replicas (Kubernetes default 1). */
  readonly minReplicas: number;
  /** spec.max_replicas, when statically known. */
  readonly maxReplicas?: number;
  /** scale_target_ref.kind (default Deployment). */
  readonly targetKind: string;
  /** scale_target_ref.name as written. */
  readonly targetName: unknown;
  /** The workload it scales, when it is in the stack. */
  readonly target?: Workload;
}

/** Every HPA with its target resolved (reference first, then namespace/kind/name). */
export function hpas(ctx: RuleContext): readonly HpaView[] {
  return memoized(ctx, "hpas", () =>
    resourcesOfTypes(ctx, HPA_TYPES).map((r) => {
      const spec = block(r.body, "spec") ?? {};
      const ref = block(spec, "scale_target_ref") ?? {};
      const namespace = namespaceOf(ctx, r);
      const targetKind = staticString(ctx, ref.kind) ?? "Deployment";
      const resolved = ctx.resolve(ref.name);
      let target = resolved ? workloadByAddress(ctx, resolved.resource.address) : undefined;
      if (!target) {
        const name = staticString(ctx, ref.name);
        if (name !== undefined && (targetKind === "Deployment" || targetKind === "StatefulSet")) {
          target = workloadByName(ctx, namespace, targetKind, name);
        }
      }
      const min = spec.min_replicas === undefined ? 1 : Number(staticString(ctx, spec.min_replicas));
      const max = Number(staticString(ctx, spec.max_replicas));
      return {
        resource: r,
        namespace,
        minReplicas: min,
        ...(Number.isFinite(max) ? { maxReplicas: max } : {}),
        targetKind,
        targetName: ref.name,
        ...(target ? { target } : {}),
      };
    }),
  );
}

/** A PodDisruptionBudget read out. */
export interface PdbView {
  readonly resource: ResourceView;
  readonly namespace: string;
  readonly selector: LabelSelector;
  readonly minAvailable?: string;
  readonly maxUnavailable?: string;
}

/** Every PodDisruptionBudget. */
export function pdbs(ctx: RuleContext): readonly PdbView[] {
  return memoized(ctx, "pdbs", () =>
    resourcesOfTypes(ctx, PDB_TYPES).map((r) => {
      const spec = block(r.body, "spec") ?? {};
      const minAvailable = staticString(ctx, spec.min_available);
      const maxUnavailable = staticString(ctx, spec.max_unavailable);
      return {
        resource: r,
        namespace: namespaceOf(ctx, r),
        selector: readSelector(ctx, spec.selector),
        ...(minAvailable !== undefined ? { minAvailable } : {}),
        ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Per-container checks (security rules)
// ---------------------------------------------------------------------------------------------

/** Pod-level `security_context` of a workload. */
export function podSecurityContext(w: Workload): JsonObject | undefined {
  return first(w.podSpec.security_context);
}

/**
 * Run a check over every container (init containers included) of every workload. `problemOf` returns
 * the problem text (naming the bad value) or undefined. Evidence: workloads whose containers all pass.
 */
export function checkEveryContainer(
  ctx: RuleContext,
  problemOf: (w: Workload, c: ContainerView) => string | undefined,
  remediationOf: (w: Workload, c: ContainerView) => string,
): { findings: ReturnType<typeof findingAt>[]; evidence: string[] } {
  const findings: ReturnType<typeof findingAt>[] = [];
  const evidence: string[] = [];
  for (const w of workloads(ctx)) {
    let ok = true;
    for (const c of allContainers(w)) {
      const problem = problemOf(w, c);
      if (problem === undefined) continue;
      ok = false;
      findings.push(findingAt(w.resource, `${w.resource.address} ${c.label}: ${problem}.`, remediationOf(w, c)));
    }
    if (ok) evidence.push(w.resource.address);
  }
  return { findings, evidence };
}

/** Show a JSON value in a message: `unset` for undefined. */
export function shown(value: unknown): string {
  return value === undefined ? "unset" : JSON.stringify(value);
}
