import { helmHardenedContainer } from "../k8s/security";
import { ContainerResources, resourcesBlock } from "../k8s/resources";

/** cert-manager runs as the image's non-root user; these are the chart's secure settings, stated explicitly. */
const POD_SECURITY = { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
const CONTAINER_SECURITY = helmHardenedContainer();

/** Default requests/limits for each cert-manager container (controller, webhook, cainjector, startupapicheck). */
export const CERT_MANAGER_DEFAULT_RESOURCES: ContainerResources = {
  cpuRequest: "10m",
  memoryRequest: "64Mi",
  cpuLimit: "500m",
  memoryLimit: "256Mi",
};

/**
 * Values for the jetstack cert-manager chart (keys checked against deploy/charts/cert-manager/values.yaml and
 * values.schema.json of cert-manager v1.21.1): `crds.enabled` installs the CRDs with the release (`installCRDs`
 * is the deprecated key), `crds.keep` keeps them on uninstall (`helm.sh/resource-policy: keep`) so
 * Certificates are not garbage-collected with the chart.
 */
export function certManagerValues(namespace: string, resources: ContainerResources): Record<string, unknown> {
  const res = resourcesBlock(resources);
  const component = { resources: res, securityContext: POD_SECURITY, containerSecurityContext: CONTAINER_SECURITY };
  return {
    crds: { enabled: true, keep: true },
    global: {
      // Leader-election leases in cert-manager's own namespace instead of kube-system.
      leaderElection: { namespace },
    },
    replicaCount: 1,
    ...component,
    // The API server calls the webhook for every cert-manager object: two replicas, and a PDB keeps one during a
    // node drain. The controller and cainjector stay at one (leader election: only one is active at a time).
    webhook: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 }, ...component },
    cainjector: { replicaCount: 1, ...component },
    startupapicheck: { ...component },
  };
}
