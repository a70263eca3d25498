import * as fs from "fs";
import * as path from "path";

/**
 * readystack's own tiny Helm chart `readystack-manifests` (lib/ingress/charts/manifests): it renders every entry
 * of `.Values.objects` as its own YAML document. A helm_release of it that depends on the release installing a
 * CRD delivers custom resources of that CRD (the cert-manager ClusterIssuer) without needing the CRD at
 * *plan* time, which `kubernetes_manifest` does.
 */
export const MANIFESTS_CHART = { name: "readystack-manifests", version: "0.1.0" } as const;

/**
 * Absolute path of the chart directory. From source (ts) it sits beside this module; from the compiled package
 * (dist/lib/ingress) it is read from the package's lib/ingress/charts, which is shipped.
 */
export function manifestsChartDir(): string {
  const beside = path.join(__dirname, "charts", "manifests");
  if (fs.existsSync(path.join(beside, "Chart.yaml"))) return beside;
  return path.resolve(__dirname, "..", "..", "..", "lib", "ingress", "charts", "manifests");
}
