/**
 * Helm and the packaged charts for the rehearsal tests. Helm: READYSTACK_HELM, else `helm` on PATH. Charts:
 * READYSTACK_CHARTS_DIR, else `../shared/charts` from the project root. Without them the rendering tests skip with
 * one line, except under CI=true, where a missing Helm or charts directory fails loudly.
 */
import { existsSync } from "fs";
import { join, resolve } from "path";
import { findHelm, isHelmBinary, type HelmBinary } from "../../lib/readiness/rehearsal/helm";

/** The project root (this file is test/support/helm-binary.ts). */
const ROOT = resolve(__dirname, "..", "..");

/** Where the packaged charts are. */
export const CHARTS_DIR = process.env.READYSTACK_CHARTS_DIR ?? join(ROOT, "..", "shared", "charts");

function lookup(): HelmBinary | string {
  const helm = findHelm(undefined, process.env, 30_000);
  if (!isHelmBinary(helm)) return helm.reason;
  if (!existsSync(CHARTS_DIR)) return `no charts directory at ${CHARTS_DIR} (set READYSTACK_CHARTS_DIR)`;
  return helm;
}

const found = lookup();

if (typeof found === "string" && process.env.CI === "true") {
  throw new Error(`rehearsal tests need Helm and the packaged charts under CI: ${found}`);
}

/** The Helm binary, when the rendering tests can run. */
export const HELM: HelmBinary | undefined = typeof found === "string" ? undefined : found;

/** `describe` when Helm and the charts are available, else `describe.skip` after one line saying why. */
export function describeWithHelm(name: string, body: () => void): void {
  if (HELM === undefined) {
    process.stdout.write(`skipping "${name}": ${found as string}\n`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}
