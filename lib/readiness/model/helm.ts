/**
 * `helm_release` resources read out: chart, pinned version, namespace and the values Helm would get (`values`
 * documents merged in order, then `set`/`set_list`/`set_sensitive` applied). A Terraform-level view: rules about
 * chart pins and chart values read it; rules about the objects a chart creates read `ctx.objects`.
 */
import { parseValues as parseYaml } from "../../k8s/values-cache";
import type { ResourceView, RuleContext } from "../types";
import { decodeValuesString } from "./hcl-constants";
import { asList, isRecord, memoized, records, staticString, type JsonObject } from "./json";

/** A `values` entry whose values are not known without running Terraform. */
export interface UnresolvedValues {
  /** Index in the release's `values` list. */
  readonly index: number;
  /** The entry as written (`${file("values.yaml")}`, `${var.values}`). */
  readonly expression: string;
  /** Why it does not resolve. */
  readonly reason: string;
}

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
  /** Raw `values` strings that could not be decoded (e.g. `${file(...)}`, `${yamlencode(var.x)}`). */
  readonly unparsedValues: string[];
  /** The `values` entries that could not be decoded, with why: coverage names each as not analysed. */
  readonly unresolvedValues: readonly UnresolvedValues[];
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

/**
 * One `values` entry → its values, or why not. Plain YAML, `${yamlencode(...)}`/`${jsonencode(...)}` of a constant
 * or of a constant `local.x`, and a `local.x` holding YAML text decode; YAML text with `${...}` inside is read as YAML (the interpolations stay as text,
 * rules resolve them through `ctx.staticValue`); a whole expression that points at a literal string is followed.
 * Anything else (`file(...)`, `var.x`, a reference with no static value) is unresolved. The one place that decides:
 * coverage reports what this returns unresolved.
 */
export function decodeReleaseValues(
  ctx: RuleContext,
  raw: string,
  index: number,
): { readonly ok: true; readonly value: unknown } | ({ readonly ok: false } & UnresolvedValues) {
  const locals = isRecord(ctx.json.locals) ? ctx.json.locals : undefined;
  const options = locals !== undefined ? { locals } : {};
  const decoded = decodeValuesString(raw, options);
  if (decoded.ok) return { ok: true, value: decoded.value };
  if (raw.trim().startsWith("${")) {
    const local = /^\$\{\s*local\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/.exec(raw.trim());
    const followed = local !== null && locals !== undefined ? locals[local[1]] : ctx.staticValue(raw);
    if (typeof followed === "string" && followed !== raw) {
      const again = decodeValuesString(followed, options);
      if (again.ok) return { ok: true, value: again.value };
    }
  } else {
    try {
      const parsed: unknown = parseYaml(raw);
      if (isRecord(parsed)) return { ok: true, value: parsed };
    } catch {
      // not YAML either: unresolved below
    }
  }
  return { ok: false, index, expression: raw, reason: decoded.reason };
}

/** Read one helm_release. */
export function readRelease(ctx: RuleContext, r: ResourceView): HelmRelease {
  const values: JsonObject = {};
  const unresolvedValues: UnresolvedValues[] = [];
  asList(r.body.values).forEach((raw, index) => {
    if (typeof raw !== "string") return;
    const decoded = decodeReleaseValues(ctx, raw, index);
    if (!decoded.ok) {
      unresolvedValues.push({ index, expression: decoded.expression, reason: decoded.reason });
      return;
    }
    if (isRecord(decoded.value)) mergeValues(values, decoded.value);
    else if (decoded.value !== null && decoded.value !== undefined) {
      unresolvedValues.push({ index, expression: raw, reason: `the values are ${Array.isArray(decoded.value) ? "a list" : `a ${typeof decoded.value}`}, not a map` });
    }
  });
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
    unparsedValues: unresolvedValues.map((u) => u.expression),
    unresolvedValues,
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
