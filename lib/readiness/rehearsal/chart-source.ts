/**
 * Where a release's chart comes from: a local chart path, a `<chart>-<version>.tgz` in a charts directory, or (with
 * network) `helm pull` from the release's repository into a temporary cache.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readdirSync, statSync } from "fs";
import { tmpdir } from "os";
import { isAbsolute, join, resolve } from "path";
import { helmErrorText } from "./helm-errors";

/** What the rehearsal knows of one release's chart. */
export interface ChartRequest {
  /** `chart` as written in the release (a name, `repo/name`, a path or an `oci://` reference). */
  readonly chartRef: string;
  /** Bare chart name (`loki`). */
  readonly chart: string;
  /** Pinned version, when there is one. */
  readonly version?: string;
  /** `repository`, when set. */
  readonly repository?: string;
}

/** Where to look. */
export interface ChartSources {
  /** Directory of packaged charts. */
  readonly chartsDir?: string;
  /** Whether `helm pull` may reach the repository. */
  readonly network: boolean;
  /** Directory local chart paths are relative to. */
  readonly baseDir: string;
  /** Helm binary (for `helm pull`). */
  readonly helm?: string;
  /** Timeout of `helm pull`, in milliseconds. */
  readonly timeoutMs: number;
  /** Local chart paths as written → the chart directory (see RenderOptions.localCharts). */
  readonly localCharts?: Readonly<Record<string, string>>;
}

/** The directory a local chart path maps to, trying the spellings `./x`, `x` and `x/`. */
function mappedLocalChart(ref: string, map: Readonly<Record<string, string>> | undefined): string | undefined {
  if (map === undefined) return undefined;
  const bare = ref.replace(/^\.\//, "").replace(/\/+$/, "");
  for (const key of [ref, bare, `./${bare}`, `${bare}/`, `./${bare}/`]) {
    if (Object.prototype.hasOwnProperty.call(map, key)) return map[key];
  }
  return undefined;
}

/**
 * `found`: render this path. `failed`: the pinned version does not exist (an error). `missing`: no source holds the
 * chart, so it cannot be rendered here (not an error of the stack).
 */
export type ChartLocation =
  | { readonly kind: "found"; readonly path: string }
  | { readonly kind: "failed"; readonly reason: string }
  | { readonly kind: "missing"; readonly reason: string };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Versions of `chart` packaged in `dir` (`loki-8.1.3.tgz` → `8.1.3`), in a natural order. */
export function packagedVersions(dir: string, chart: string): string[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${escapeRegExp(chart)}-(v?\\d+\\.\\d+\\.\\d+[^/]*)\\.tgz$`);
  return files
    .map((f) => pattern.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

/** Whether a chart reference is a path on disk rather than a repository chart name. */
function isLocalRef(request: ChartRequest): boolean {
  const ref = request.chartRef;
  if (request.repository !== undefined && request.repository !== "") return false;
  if (ref.startsWith("oci://") || ref.includes("://")) return false;
  return ref.startsWith("./") || ref.startsWith("../") || isAbsolute(ref) || ref.endsWith(".tgz");
}

/** The same version with and without a leading `v`. */
function versionSpellings(version: string): string[] {
  return version.startsWith("v") ? [version, version.slice(1)] : [version, `v${version}`];
}

function pull(request: ChartRequest, sources: ChartSources): ChartLocation {
  const helm = sources.helm as string;
  const dest = mkdtempSync(join(tmpdir(), "readystack-charts-"));
  const args = request.chartRef.startsWith("oci://")
    ? ["pull", request.chartRef, "--version", request.version as string, "--destination", dest]
    : ["pull", "--repo", request.repository as string, request.chart, "--version", request.version as string, "--destination", dest];
  try {
    execFileSync(helm, args, { encoding: "utf8", timeout: sources.timeoutMs, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const text = helmErrorText(error);
    if (/not found|no chart version|no such chart|doesn't exist/i.test(text)) {
      return { kind: "failed", reason: `chart ${request.chart} version ${request.version} not found in ${request.repository ?? request.chartRef}: ${text}` };
    }
    return { kind: "missing", reason: `helm pull of ${request.chart} ${request.version} from ${request.repository ?? request.chartRef} failed: ${text}` };
  }
  const file = readdirSync(dest).find((f) => f.endsWith(".tgz"));
  return file === undefined
    ? { kind: "missing", reason: `helm pull of ${request.chart} ${request.version} wrote no package` }
    : { kind: "found", path: join(dest, file) };
}

/** Find the chart a release would install. */
export function locateChart(request: ChartRequest, sources: ChartSources): ChartLocation {
  if (isLocalRef(request)) {
    const path = mappedLocalChart(request.chartRef, sources.localCharts) ?? resolve(sources.baseDir, request.chartRef);
    if (existsSync(path) && (statSync(path).isFile() || existsSync(join(path, "Chart.yaml")))) return { kind: "found", path };
    return { kind: "missing", reason: `local chart ${request.chartRef} not found at ${path}` };
  }
  if (request.version === undefined || request.version === "") {
    return { kind: "missing", reason: `chart ${request.chart} has no pinned version, so there is no exact chart to render` };
  }
  if (sources.chartsDir !== undefined) {
    for (const v of versionSpellings(request.version)) {
      const file = join(sources.chartsDir, `${request.chart}-${v}.tgz`);
      if (existsSync(file)) return { kind: "found", path: file };
    }
    const available = packagedVersions(sources.chartsDir, request.chart);
    if (available.length > 0 && !sources.network) {
      return {
        kind: "failed",
        reason: `chart ${request.chart} version ${request.version} not found in ${sources.chartsDir} (available: ${available.join(", ")})`,
      };
    }
  }
  const pullable = request.chartRef.startsWith("oci://") || (request.repository !== undefined && request.repository !== "");
  if (sources.network && sources.helm !== undefined && pullable) return pull(request, sources);
  const looked =
    sources.chartsDir !== undefined
      ? `looked for ${join(sources.chartsDir, `${request.chart}-${request.version}.tgz`)}`
      : "no charts directory given (chartsDir or READYSTACK_CHARTS_DIR)";
  const net = sources.network ? (pullable ? "" : "; the release names no repository to pull from") : "; network pulls are off";
  return { kind: "missing", reason: `no chart source for ${request.chart} ${request.version}: ${looked}${net}` };
}
