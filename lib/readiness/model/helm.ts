/**
 * `helm_release` resources read out: chart, pinned version, namespace and the values Helm would get (`values`
 * documents merged in order, then `set`/`set_list`/`set_sensitive` applied). A Terraform-level view: rules about
 * chart pins and chart values read it; rules about the objects a chart creates read `ctx.objects`.
 */
import { parseValues as parseYaml } from "../../k8s/values-cache";
import type { ResourceView, RuleContext } from "../types";
import { asList, isRecord, memoized, records, staticString, type JsonObject } from "./json";

/** One `set`/`set_sensitive`/`set_list` entry. */
export interface HelmSet {
  /** Value path (`a.b\.c`). */
  readonly name: string;
  /** The value as written. */
  readonly value: unknown;
  /** From `set_sensitive`. */
  readonly sensitive: boolean;
}

/** A helm_release with its values parsed. */
export interface HelmRelease {
  /** The Terraform resource. */
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

/** Read one helm_release. */
export function readRelease(ctx: RuleContext, r: ResourceView): HelmRelease {
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
  const component = typeof r.readystack.component === "string" ? r.readystack.component : undefined;
  return {
    resource: r,
    ...(name !== undefined ? { name } : {}),
    chart: chartName(chart),
    ...(version !== undefined ? { version } : {}),
    namespace: releaseNamespace(ctx, r),
    values,
    unparsedValues,
    sets,
    ...(component !== undefined ? { component } : {}),
  };
}

/** The namespace a helm_release installs into (static), "default" when unset. */
export function releaseNamespace(ctx: RuleContext, r: ResourceView): string {
  const ns = r.body.namespace;
  return ns === undefined || ns === null || ns === "" ? "default" : staticString(ctx, ns) ?? String(ns);
}

/** Every helm_release with merged values, in document order. */
export function helmReleases(ctx: RuleContext): readonly HelmRelease[] {
  return memoized(ctx, "helmReleases", () => ctx.byType("helm_release").map((r) => readRelease(ctx, r)));
}

/** The release of a helm_release address. */
export function helmReleaseAt(ctx: RuleContext, address: string): HelmRelease | undefined {
  return memoized(ctx, "helmReleasesByAddress", () => new Map(helmReleases(ctx).map((r) => [r.resource.address, r]))).get(address);
}
