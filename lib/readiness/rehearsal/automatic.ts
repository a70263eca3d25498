/** When a stack renders on its own: a chart source is available and Helm is found. */
import { findHelm, isHelmBinary } from "./helm";
import { DEFAULT_HELM_TIMEOUT_MS, type RenderOptions } from "./options";

/**
 * The render options of a stack that renders whenever it can: `given` (e.g. a `readiness.render` prop) completed from
 * READYSTACK_CHARTS_DIR; rendering is turned off, with the reason, when there is no chart source (no charts
 * directory, no network) or no Helm binary. Releases are then listed as not rendered, never silently passed.
 */
export function automaticRender(
  given: RenderOptions | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): RenderOptions {
  const options: RenderOptions = { ...given, env: given?.env ?? env };
  if (options.enabled === false) return options;
  const chartsDir = options.chartsDir ?? (env.READYSTACK_CHARTS_DIR !== "" ? env.READYSTACK_CHARTS_DIR : undefined);
  if (chartsDir === undefined && options.network !== true) {
    return {
      ...options,
      enabled: false,
      disabledReason: "no chart source: set READYSTACK_CHARTS_DIR (or readiness.render.chartsDir, or network: true) to render",
    };
  }
  const helm = findHelm(options.helm, options.env ?? env, options.timeoutMs ?? DEFAULT_HELM_TIMEOUT_MS);
  if (!isHelmBinary(helm)) return { ...options, enabled: false, disabledReason: helm.reason };
  return { ...options, helm: helm.path, ...(chartsDir !== undefined ? { chartsDir } : {}) };
}
