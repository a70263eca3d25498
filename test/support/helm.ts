import { spawnSync } from "child_process";
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { delimiter, join, resolve } from "path";

/**
 * Helm and the packaged charts for tests that render with the real Helm (offline: `helm template` of a
 * chart archive).
 *
 * - Helm: `READYSTACK_HELM` (a path to the binary; CI exports it), else `helm` on PATH.
 * - Charts: `READYSTACK_CHARTS_DIR`, else `../shared/charts` next to the project root. The directory holds
 *   `<chart>-<version>.tgz` archives and `published-versions.json`.
 *
 * Under `CI=true` a missing binary or chart directory fails the test ({@link requireOrSkip} throws); elsewhere
 * the tests are skipped with one line on the console.
 */

/** Project root (this file is test/support/helm.ts). */
export const PROJECT_ROOT = resolve(__dirname, "..", "..");

/** True when the tests run in CI, where nothing may be skipped. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === "true" || env.CI === "1";
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Helm binary to use, or undefined when there is none. A `READYSTACK_HELM` that does not point at an
 * executable file is a configuration error and throws, naming the variable and the value.
 */
export function findHelm(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.READYSTACK_HELM;
  if (explicit !== undefined && explicit !== "") {
    if (!isExecutableFile(explicit)) {
      throw new Error(`READYSTACK_HELM="${explicit}" is not an executable file; point it at the helm binary or unset it to use helm from PATH`);
    }
    return explicit;
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, "helm");
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** The directory of packaged charts and published-versions.json. */
export function chartsDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.READYSTACK_CHARTS_DIR;
  return explicit !== undefined && explicit !== "" ? resolve(explicit) : resolve(PROJECT_ROOT, "..", "shared", "charts");
}

/** Path of a packaged chart archive in {@link chartsDir} (`<chart>-<version>.tgz`). */
export function chartArchive(chart: string, version: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(chartsDir(env), `${chart}-${version}.tgz`);
}

/** Path of published-versions.json in {@link chartsDir}. */
export function publishedVersionsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(chartsDir(env), "published-versions.json");
}

const announced = new Set<string>();

/**
 * Returns the value when present. When it is missing: under CI throws `<what> is missing: <hint>`;
 * otherwise logs one line per topic and returns undefined, so the caller registers its tests as skipped.
 */
export function requireOrSkip<T>(value: T | undefined, what: string, hint: string, env: NodeJS.ProcessEnv = process.env): T | undefined {
  if (value !== undefined) return value;
  if (isCi(env)) throw new Error(`${what} is missing: ${hint}`);
  if (!announced.has(what)) {
    announced.add(what);
    console.log(`skipping tests that need ${what}: ${hint}`);
  }
  return undefined;
}

/** Helm, or undefined outside CI when there is none (see {@link requireOrSkip}). */
export function helmOrSkip(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return requireOrSkip(findHelm(env), "the helm binary", "set READYSTACK_HELM to its path or put helm on PATH", env);
}

/** The charts directory, or undefined outside CI when it does not exist (see {@link requireOrSkip}). */
export function chartsDirOrSkip(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = chartsDir(env);
  return requireOrSkip(existsSync(dir) ? dir : undefined, `the packaged charts (${dir})`, "set READYSTACK_CHARTS_DIR to the directory of chart archives", env);
}

/** What one `helm template` run returned. */
export interface HelmRun {
  /** Exit status (null when killed by a signal). */
  readonly status: number | null;
  /** The rendered manifests. */
  readonly stdout: string;
  /** Helm's errors and warnings (schema violations land here). */
  readonly stderr: string;
  /** The command line, for failure messages. */
  readonly command: string;
}

/** Options of {@link helmTemplate}. */
export interface HelmTemplateOptions {
  /** Release name. */
  readonly release: string;
  /** Release namespace. */
  readonly namespace: string;
  /** Path of the chart archive or directory. */
  readonly chart: string;
  /** Values documents, applied in order (each written to a file and passed with `-f`). */
  readonly values: readonly string[];
  /** `--kube-version`. @default "1.33" */
  readonly kubeVersion?: string;
}

/** Run `helm template` offline on a chart archive with the given values documents. */
export function helmTemplate(helm: string, opts: HelmTemplateOptions): HelmRun {
  const dir = mkdtempSync(join(tmpdir(), "readystack-helm-"));
  try {
    const files = opts.values.map((doc, i) => {
      const file = join(dir, `values-${i}.yaml`);
      writeFileSync(file, doc);
      return file;
    });
    const args = [
      "template", opts.release, opts.chart,
      "--namespace", opts.namespace,
      "--kube-version", opts.kubeVersion ?? "1.33",
      ...files.flatMap((f) => ["-f", f]),
    ];
    const r = spawnSync(helm, args, {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      // Offline and hermetic: no repository config, cache or plugins of the machine's user.
      env: { ...process.env, HELM_CACHE_HOME: join(dir, "cache"), HELM_CONFIG_HOME: join(dir, "config"), HELM_DATA_HOME: join(dir, "data") },
    });
    if (r.error) throw new Error(`could not run ${helm}: ${r.error.message}`);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, command: `${helm} ${args.join(" ")}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
