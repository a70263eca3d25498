/**
 * Which workloads need Postgres or Redis, and through which Service: read from the containers' env
 * (PGHOST, DATABASE_URL, REDIS_URL..., or a host-bearing env value naming a database/cache Service: a *_HOST-style
 * env, the host of a URL, the host= of a connection string; never an arbitrary value such as a path or prefix).
 * Shared by RS-STARTUP-ORDER (wait for each dependency) and RS-NETPOL-DEPENDENCY-PATHS (the network
 * path to each dependency is open). Linear: Services are indexed once per check run.
 */
import {
  allContainers, componentOfObject, configMapData, configMapKeyRef, findNamed, isPostgresWorkload, isRedisWorkload,
  objectLabel, serviceTargets, services, staticString, type ContainerView, type EnvVar, type ServiceView, type Workload,
} from "./k8s-model";
import type { RuleContext } from "./types";
import { COMPONENTS } from "../k8s/metadata";

/** The data stores the rules know. */
export type DependencyKind = "postgres" | "redis";

/** Display names of the kinds, for messages. */
export const DEPENDENCY_NAMES: Readonly<Record<DependencyKind, string>> = { postgres: "Postgres", redis: "Redis" };

/** Client tools whose use names the kind of dependency (a waiting step that runs one waits for that kind). */
export const DEPENDENCY_TOOLS: Readonly<Record<DependencyKind, RegExp>> = {
  postgres: /(^|[^a-z0-9_-])(pg_isready|psql)($|[^a-z0-9_-])/i,
  redis: /(^|[^a-z0-9_-])redis-cli($|[^a-z0-9_-])/i,
};

/** One data store a container needs. */
export interface Dependency {
  /** Postgres or Redis. */
  readonly kind: DependencyKind;
  /** The env entry that shows it, for messages: `PGHOST=postgres` or `PGHOST → kubernetes_service_v1.db` (credentials hidden). */
  readonly via: string;
  /** The Service the env points at, when it is in the stack. */
  readonly service?: ServiceView;
  /** Long-running workloads whose pods that Service selects (the data workloads); empty without a Service. */
  readonly targets: readonly Workload[];
  /** Lower-case host names that name this dependency (the Service's names, or the env's literal host). */
  readonly hosts: readonly string[];
  /** Identity within a workload: kind + Service address (or `?` when the Service is unknown). */
  readonly key: string;
}

/** Env names that mean "this process talks to Postgres or Redis", with the kind they imply. */
const DEPENDENCY_ENV: readonly [RegExp, DependencyKind][] = [
  [/^(PGHOST|PG_HOST|POSTGRES_HOST|POSTGRES_URL|DATABASE_URL|DATABASE_HOST|DB_HOST|DB_URL)$/, "postgres"],
  [/^(REDIS_URL|REDIS_HOST)$/, "redis"],
];

const POSTGRES_SCHEME = /^\s*(postgres|postgresql)(\+[a-z0-9]+)?:\/\//i;
const REDIS_SCHEME = /^\s*rediss?:\/\//i;
const OTHER_SCHEME = /^\s*[a-z][a-z0-9+.-]*:\/\//i;

/** Hide URL credentials (`scheme://user:pass@host`) before a value goes into a message. */
export function redact(value: string): string {
  return value.replace(/\/\/[^@/\s]*@/g, "//***@");
}

/** Host-like tokens of a string, lower-cased, trailing dots dropped. */
export function hostTokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9][a-z0-9.-]*/g) ?? []).map((t) => t.replace(/\.+$/, ""));
}

/** Env names whose whole value is a host (or `host:port`, or a list of them): PGHOST, DB_HOST, CACHE_ADDR... */
const HOST_ENV = /(^|_)(PGHOST|HOST|HOSTS|HOSTNAME|ADDR|ADDRESS|SERVER|SERVERS|ENDPOINT)$/i;
/** The authority (`host[:port]`, credentials dropped) of every URL in a value. */
const URL_AUTHORITY = /[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?([^/?#\s;,]+(?:,[^/?#\s;]+)*)/gi;
/** `host=` of a key=value connection string (libpq `host=db port=5432`, ADO `Server=db;...`). */
const CONNECTION_HOST = /(?:^|[\s;])(?:host|hostaddr|server|data source)\s*=\s*([^\s;]+)/gi;

/**
 * The host-like tokens of an env entry that can carry host names: the hosts of URLs and of `host=` in
 * connection strings anywhere, and the whole value of a host-named env (PGHOST, *_HOST, *_ADDR...) or of a
 * dependency env (DATABASE_URL, REDIS_URL...). Any other value (a bucket prefix `app/postgres`, a path, a
 * message) names no host, whatever words it contains.
 */
export function envHostTokens(name: string, value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(URL_AUTHORITY)) out.push(...hostTokens(m[1]));
  for (const m of value.matchAll(CONNECTION_HOST)) out.push(...hostTokens(m[1]));
  if (out.length === 0 && (HOST_ENV.test(name) || kindOfName(name) !== undefined)) out.push(...hostTokens(value));
  return [...new Set(out)];
}

/** The kind of a Postgres/Redis Service (component label, else the pods it selects); undefined for other Services. */
export function dataServiceKind(ctx: RuleContext, svc: ServiceView): DependencyKind | undefined {
  const component = componentOfObject(ctx, svc.model);
  if (component === COMPONENTS.database) return "postgres";
  if (component === COMPONENTS.cache) return "redis";
  const targets = serviceTargets(ctx, svc);
  if (targets.some(isPostgresWorkload)) return "postgres";
  if (targets.some(isRedisWorkload)) return "redis";
  return undefined;
}

/** Host names of a Service: name, name.ns, name.ns.svc, name.ns.svc.cluster.local. */
export function serviceHosts(svc: ServiceView): string[] {
  if (svc.name === undefined) return [];
  const n = svc.name.toLowerCase();
  const ns = svc.namespace.toLowerCase();
  return [n, `${n}.${ns}`, `${n}.${ns}.svc`, `${n}.${ns}.svc.cluster.local`];
}

interface DataServiceIndex {
  /** Qualified host (name.ns...) → Service. */
  readonly qualified: Map<string, ServiceView>;
  /** `ns/name` → Service, for bare names resolved in the client's namespace. */
  readonly bare: Map<string, ServiceView>;
  /** Whole-resource Services by Terraform address (what a `${...}` reference reaches). */
  readonly byAddress: Map<string, ServiceView>;
  /** Services by key (address, plus `#objectRef` inside a release). */
  readonly byKey: Map<string, ServiceView>;
  readonly kinds: Map<string, DependencyKind>;
}

const indexMemo = new WeakMap<RuleContext, DataServiceIndex>();

/** The Postgres/Redis Services of the stack, indexed by host name and address (once per check run). */
export function dataServices(ctx: RuleContext): DataServiceIndex {
  const cached = indexMemo.get(ctx);
  if (cached) return cached;
  const idx: DataServiceIndex = { qualified: new Map(), bare: new Map(), byAddress: new Map(), byKey: new Map(), kinds: new Map() };
  for (const svc of services(ctx)) {
    const kind = dataServiceKind(ctx, svc);
    if (kind === undefined) continue;
    idx.byKey.set(svc.key, svc);
    if (svc.model.objectRef === undefined) idx.byAddress.set(svc.model.address, svc);
    idx.kinds.set(svc.key, kind);
    const [bare, ...qualified] = serviceHosts(svc);
    if (bare !== undefined) idx.bare.set(`${svc.namespace.toLowerCase()}/${bare}`, svc);
    for (const h of qualified) idx.qualified.set(h, svc);
  }
  indexMemo.set(ctx, idx);
  return idx;
}

/** The data Service a host token names, seen from `namespace` (StatefulSet pod hosts `pod.svc.ns...` included). */
function serviceOfHost(idx: DataServiceIndex, namespace: string, token: string): ServiceView | undefined {
  const direct = idx.qualified.get(token) ?? idx.bare.get(`${namespace.toLowerCase()}/${token}`);
  if (direct) return direct;
  const dot = token.indexOf(".");
  return dot > 0 ? idx.qualified.get(token.slice(dot + 1)) : undefined;
}

/** The static value of an env entry: literal, followed reference, or the ConfigMap key it reads. */
export function envStaticValue(ctx: RuleContext, w: Workload, e: EnvVar): string | undefined {
  if (e.value !== undefined) return staticString(ctx, e.value);
  const cmRef = configMapKeyRef(e);
  if (!cmRef) return undefined;
  const cm = findNamed(ctx, "ConfigMap", w.namespace, cmRef.name);
  const k = staticString(ctx, cmRef.key);
  return cm && k !== undefined ? configMapData(ctx, cm)[k] : undefined;
}

function kindOfName(name: string): DependencyKind | undefined {
  for (const [re, kind] of DEPENDENCY_ENV) if (re.test(name)) return kind;
  return undefined;
}

function make(
  ctx: RuleContext,
  kind: DependencyKind,
  via: string,
  svc: ServiceView | undefined,
  literalHost?: string,
): Dependency {
  const targets = svc ? serviceTargets(ctx, svc).filter((t) => t.longRunning) : [];
  const hosts = svc ? serviceHosts(svc) : literalHost !== undefined ? [literalHost] : [];
  return { kind, via, ...(svc ? { service: svc } : {}), targets, hosts, key: `${kind}:${svc ? svc.key : "?"}` };
}

/** The Postgres/Redis dependencies one container's env shows, one per kind and Service. */
export function containerDependencies(ctx: RuleContext, w: Workload, c: ContainerView): Dependency[] {
  const idx = dataServices(ctx);
  const found = new Map<string, Dependency>();
  const add = (d: Dependency): void => {
    if (!found.has(d.key)) found.set(d.key, d);
  };
  for (const e of c.env) {
    const value = envStaticValue(ctx, w, e);
    const shown = value !== undefined ? `${e.name}=${redact(value)}` : e.name;
    const ref = e.value !== undefined ? ctx.resolve(e.value) : undefined;
    const refSvc = ref ? idx.byAddress.get(ref.resource.address) : undefined;
    if (refSvc) {
      add(make(ctx, idx.kinds.get(refSvc.key) as DependencyKind, `${shown} → ${objectLabel(refSvc.model)}`, refSvc));
      continue;
    }
    let matched = false;
    for (const token of value !== undefined ? envHostTokens(e.name, value) : []) {
      const svc = serviceOfHost(idx, w.namespace, token);
      if (!svc) continue;
      add(make(ctx, idx.kinds.get(svc.key) as DependencyKind, `${shown} → ${objectLabel(svc.model)}`, svc));
      matched = true;
      break;
    }
    if (matched) continue;
    let kind = kindOfName(e.name);
    if (kind === undefined) continue;
    if (value !== undefined && POSTGRES_SCHEME.test(value)) kind = "postgres";
    else if (value !== undefined && REDIS_SCHEME.test(value)) kind = "redis";
    else if (value !== undefined && OTHER_SCHEME.test(value)) continue; // mysql://, mongodb://...: not ours
    add(make(ctx, kind, shown, undefined, value !== undefined ? literalHost(value) : undefined));
  }
  // An env entry of unknown target adds nothing when the same kind is already tied to a Service.
  const all = [...found.values()];
  return all.filter((d) => d.service !== undefined || !all.some((o) => o.kind === d.kind && o.service !== undefined));
}

/** The host of a literal `PGHOST=db.example.com` or `postgres://u:p@db.example.com:5432/x`. */
function literalHost(value: string): string | undefined {
  const afterScheme = value.replace(/^\s*[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^[^@/]*@/, "");
  const host = hostTokens(afterScheme)[0];
  return host === undefined || host === "" ? undefined : host;
}

/** The dependencies of a whole workload (main and init containers), one per kind and Service. */
export function workloadDependencies(ctx: RuleContext, w: Workload): Dependency[] {
  const out = new Map<string, Dependency>();
  for (const c of allContainers(w)) for (const d of containerDependencies(ctx, w, c)) if (!out.has(d.key)) out.set(d.key, d);
  const all = [...out.values()];
  return all.filter((d) => d.service !== undefined || !all.some((o) => o.kind === d.kind && o.service !== undefined));
}

/** Whether a workload is itself a data store (Postgres or Redis): it is not a client of the rules. */
export function isDataWorkload(w: Workload): boolean {
  return isPostgresWorkload(w) || isRedisWorkload(w);
}
