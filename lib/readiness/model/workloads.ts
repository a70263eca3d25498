/**
 * Workload views over the model's objects: Deployments, StatefulSets, DaemonSets, ReplicaSets,
 * ReplicationControllers, Jobs, CronJobs and Pods, whatever their origin (provider resource, kubernetes_manifest,
 * helm values, rendered chart), with their pod template and containers read out in the API's camelCase.
 */
import type { ResourceView, RuleContext } from "../types";
import { objectKey, objectLabel } from "./findings";
import { asList, block, first, memoized, records, scalarString, staticString, stringMap, type JsonObject } from "./json";
import { COMPONENT_LABEL, labelsOf, nameOfObject, namespaceOfObject } from "./metadata";
import type { KubeObject, ModelObject } from "./object";
import { COMPONENTS } from "../../k8s/metadata";

/** Workload kinds the rules understand. */
export type WorkloadKind = "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "ReplicationController" | "Job" | "CronJob" | "Pod";

/** Every workload kind. */
export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "Pod",
];

/** One env entry of a container. */
export interface EnvVar {
  /** Variable name. */
  readonly name: string;
  /** The literal (or reference) `value`, when set. */
  readonly value?: unknown;
  /** `valueFrom`, when set. */
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
  /** The container object (camelCase API shape). */
  readonly body: JsonObject;
  /** Its env entries. */
  readonly env: EnvVar[];
  /** Its `envFrom` entries. */
  readonly envFrom: JsonObject[];
  /** `securityContext`. */
  readonly securityContext?: JsonObject;
  /** Human label for messages: `container "api"` or `init container "wait"`. */
  readonly label: string;
}

/** A workload object with its pod template read out. */
export interface Workload {
  /** The model object. */
  readonly model: ModelObject;
  /** The API object. */
  readonly object: KubeObject;
  /** The Terraform resource it comes from (a helm_release for objects of a chart). */
  readonly resource: ResourceView;
  /** Unique per object: the address, plus `#objectRef` inside a release. */
  readonly key: string;
  /** How messages name it: the address, plus the objectRef inside a release. */
  readonly at: string;
  /** Its kind. */
  readonly kind: WorkloadKind;
  /** Everything but Jobs and CronJobs. */
  readonly longRunning: boolean;
  /** Static metadata.name. */
  readonly name?: string;
  /** Namespace (static, else the raw expression, else the release's, else "default"). */
  readonly namespace: string;
  /** Labels of the workload object. */
  readonly labels: Record<string, string>;
  /** Labels of its pods (template metadata; for a Pod, its own labels). */
  readonly podLabels: Record<string, string>;
  /** `//.readystack.component` (whole-resource objects), else the component label of the object or its pods. */
  readonly component?: string;
  /** The pod spec (empty object when missing). */
  readonly podSpec: JsonObject;
  /** The workload's own spec (Deployment spec, CronJob spec...). */
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

/** The pod template of a workload spec (`spec.template`, CronJob `spec.jobTemplate.spec.template`). */
export function podTemplateOf(kind: WorkloadKind, spec: JsonObject | undefined): JsonObject | undefined {
  if (!spec || kind === "Pod") return undefined;
  if (kind === "CronJob") return block(spec, "jobTemplate", "spec", "template");
  return block(spec, "template");
}

function envVars(containerBody: JsonObject): EnvVar[] {
  const out: EnvVar[] = [];
  for (const e of records(containerBody.env)) {
    if (typeof e.name !== "string") continue;
    const vf = first(e.valueFrom);
    out.push({ name: e.name, ...(e.value !== undefined ? { value: e.value } : {}), ...(vf ? { valueFrom: vf } : {}) });
  }
  return out;
}

function containerViews(ctx: RuleContext, list: unknown, init: boolean): ContainerView[] {
  return records(list).map((c, i) => {
    const name = typeof c.name === "string" ? c.name : `#${i}`;
    const image = staticString(ctx, c.image);
    const sc = first(c.securityContext);
    return {
      name,
      init,
      rawImage: c.image,
      ...(image !== undefined ? { image } : {}),
      body: c,
      env: envVars(c),
      envFrom: records(c.envFrom),
      ...(sc ? { securityContext: sc } : {}),
      label: `${init ? "init container" : "container"} "${name}"`,
    };
  });
}

function isWorkloadKind(kind: string): kind is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

/** Read a workload object; undefined when the object is not a workload kind. */
export function readWorkload(ctx: RuleContext, model: ModelObject): Workload | undefined {
  const kind = model.object.kind;
  if (!isWorkloadKind(kind)) return undefined;
  const spec = first(model.object.spec) ?? {};
  const template = podTemplateOf(kind, spec);
  const podSpec = (kind === "Pod" ? spec : block(template, "spec")) ?? {};
  const labels = labelsOf(ctx, model);
  const podLabels = kind === "Pod" ? labels : stringMap(ctx, block(template, "metadata")?.labels);
  const rsComponent = model.objectRef === undefined ? model.resource.readystack.component : undefined;
  const component = typeof rsComponent === "string" ? rsComponent : labels[COMPONENT_LABEL] ?? podLabels[COMPONENT_LABEL];
  const name = nameOfObject(ctx, model);
  return {
    model,
    object: model.object,
    resource: model.resource,
    key: objectKey(model),
    at: objectLabel(model),
    kind,
    longRunning: kind !== "Job" && kind !== "CronJob",
    ...(name !== undefined ? { name } : {}),
    namespace: namespaceOfObject(ctx, model),
    labels,
    podLabels,
    ...(component !== undefined ? { component } : {}),
    podSpec,
    spec,
    containers: containerViews(ctx, podSpec.containers, false),
    initContainers: containerViews(ctx, podSpec.initContainers, true),
  };
}

/** Every workload of the model, in document order. */
export function workloads(ctx: RuleContext): readonly Workload[] {
  return memoized(ctx, "workloads", () => {
    const out: Workload[] = [];
    for (const o of ctx.objects) {
      const w = readWorkload(ctx, o);
      if (w) out.push(w);
    }
    return out;
  });
}

/** The workload that is a whole Terraform resource (`kubernetes_deployment_v1.api`, a kubernetes_manifest). */
export function workloadByAddress(ctx: RuleContext, address: string): Workload | undefined {
  return memoized(ctx, "workloadsByAddress", () => {
    const m = new Map<string, Workload>();
    for (const w of workloads(ctx)) if (w.model.objectRef === undefined) m.set(w.resource.address, w);
    return m;
  }).get(address);
}

/** The workload view of a model object, when it is a workload. */
export function workloadOf(ctx: RuleContext, o: ModelObject): Workload | undefined {
  return memoized(ctx, "workloadsByKey", () => new Map(workloads(ctx).map((w) => [w.key, w]))).get(objectKey(o));
}

/** A workload by namespace, kind and static name. */
export function workloadByName(ctx: RuleContext, namespace: string, kind: string, name: string): Workload | undefined {
  return memoized(ctx, "workloadsByName", () => {
    const m = new Map<string, Workload>();
    for (const w of workloads(ctx)) if (w.name !== undefined && !m.has(`${w.namespace}/${w.kind}/${w.name}`)) m.set(`${w.namespace}/${w.kind}/${w.name}`, w);
    return m;
  }).get(`${namespace}/${kind}/${name}`);
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
  return w.component === COMPONENTS.cache || w.containers.some(isRedisContainer);
}

/** Postgres workloads: component "database" or a long-running workload with a main Postgres container. */
export function isPostgresWorkload(w: Workload): boolean {
  return w.component === COMPONENTS.database || (w.longRunning && w.containers.some(isPostgresContainer));
}

/** One container image use. */
export interface ImageUse {
  /** The workload. */
  readonly workload: Workload;
  /** The container. */
  readonly container: ContainerView;
  /** The static image, when known. */
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

/** `valueFrom.secretKeyRef` of an env var. */
export function secretKeyRef(e: EnvVar): JsonObject | undefined {
  return block(e.valueFrom, "secretKeyRef");
}

/** `valueFrom.configMapKeyRef` of an env var. */
export function configMapKeyRef(e: EnvVar): JsonObject | undefined {
  return block(e.valueFrom, "configMapKeyRef");
}

/** Command and args of a container, as one list of static strings. */
export function commandLine(ctx: RuleContext, c: ContainerView): string[] {
  return [...asList(c.body.command), ...asList(c.body.args)]
    .map((a) => staticString(ctx, a) ?? scalarString(a))
    .filter((a): a is string => a !== undefined);
}

/** The probe kinds of a container. */
export type ProbeKind = "readinessProbe" | "livenessProbe" | "startupProbe";

/** A probe of a container. */
export function probe(c: ContainerView, kind: ProbeKind): JsonObject | undefined {
  return first(c.body[kind]);
}

/** Declared ports of a container: numbers and names. */
export function containerPorts(c: ContainerView): { numbers: Set<number>; names: Set<string> } {
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const p of records(c.body.ports)) {
    const n = Number(p.containerPort);
    if (Number.isFinite(n)) numbers.add(n);
    if (typeof p.name === "string") names.add(p.name);
  }
  return { numbers, names };
}

/** Pod-level `securityContext` of a workload. */
export function podSecurityContext(w: Workload): JsonObject | undefined {
  return first(w.podSpec.securityContext);
}

/** Whether a workload is a readystack component, by `//.readystack.component` or the component label. */
export function hasComponent(w: Workload, component: string): boolean {
  return w.component === component;
}
