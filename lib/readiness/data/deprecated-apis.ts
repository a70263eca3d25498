/**
 * Kubernetes API versions that are deprecated or no longer served, per kind, from the Kubernetes "Deprecated API
 * Migration Guide" (kubernetes.io/docs/reference/using-api/deprecation-guide) and the API server's own deprecation
 * warnings ("<group/version> <Kind> is deprecated in v1.X+, unavailable in v1.Y+"). Versions are Kubernetes minor
 * releases, "1.22". `deprecatedIn` is left out where the guide gives only the removal.
 */

/** One deprecated API version of one kind. */
export interface DeprecatedApi {
  /** e.g. `extensions/v1beta1`. */
  readonly apiVersion: string;
  /** e.g. `Ingress`. */
  readonly kind: string;
  /**
   * The Kubernetes release that deprecated it.
   * @default unknown (not in the guide)
   */
  readonly deprecatedIn?: string;
  /** The first Kubernetes release that no longer serves it. */
  readonly removedIn: string;
  /** The apiVersion to use instead. */
  readonly replacement: string;
}

/** Shorthand: one row per kind. */
function rows(apiVersion: string, kinds: readonly string[], removedIn: string, replacement: string, deprecatedIn?: string): DeprecatedApi[] {
  return kinds.map((kind) => ({ apiVersion, kind, removedIn, replacement, ...(deprecatedIn !== undefined ? { deprecatedIn } : {}) }));
}

/** The table, oldest removals first. */
export const DEPRECATED_APIS: readonly DeprecatedApi[] = [
  // Removed in 1.16
  ...rows("extensions/v1beta1", ["NetworkPolicy"], "1.16", "networking.k8s.io/v1"),
  ...rows("extensions/v1beta1", ["PodSecurityPolicy"], "1.16", "policy/v1beta1 (itself removed in 1.25: use Pod Security Admission)"),
  ...rows("extensions/v1beta1", ["DaemonSet", "Deployment", "ReplicaSet"], "1.16", "apps/v1"),
  ...rows("apps/v1beta1", ["Deployment", "StatefulSet", "ReplicaSet"], "1.16", "apps/v1"),
  ...rows("apps/v1beta2", ["DaemonSet", "Deployment", "StatefulSet", "ReplicaSet"], "1.16", "apps/v1"),
  // Removed in 1.22
  ...rows("admissionregistration.k8s.io/v1beta1", ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"], "1.22", "admissionregistration.k8s.io/v1", "1.16"),
  ...rows("apiextensions.k8s.io/v1beta1", ["CustomResourceDefinition"], "1.22", "apiextensions.k8s.io/v1", "1.16"),
  ...rows("apiregistration.k8s.io/v1beta1", ["APIService"], "1.22", "apiregistration.k8s.io/v1", "1.19"),
  ...rows("authentication.k8s.io/v1beta1", ["TokenReview"], "1.22", "authentication.k8s.io/v1"),
  ...rows("authorization.k8s.io/v1beta1", ["LocalSubjectAccessReview", "SelfSubjectAccessReview", "SubjectAccessReview"], "1.22", "authorization.k8s.io/v1"),
  ...rows("certificates.k8s.io/v1beta1", ["CertificateSigningRequest"], "1.22", "certificates.k8s.io/v1"),
  ...rows("coordination.k8s.io/v1beta1", ["Lease"], "1.22", "coordination.k8s.io/v1"),
  ...rows("extensions/v1beta1", ["Ingress"], "1.22", "networking.k8s.io/v1", "1.14"),
  ...rows("networking.k8s.io/v1beta1", ["Ingress", "IngressClass"], "1.22", "networking.k8s.io/v1", "1.19"),
  ...rows("rbac.authorization.k8s.io/v1beta1", ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], "1.22", "rbac.authorization.k8s.io/v1", "1.17"),
  ...rows("scheduling.k8s.io/v1beta1", ["PriorityClass"], "1.22", "scheduling.k8s.io/v1", "1.14"),
  ...rows("storage.k8s.io/v1beta1", ["StorageClass"], "1.22", "storage.k8s.io/v1", "1.19"),
  ...rows("storage.k8s.io/v1beta1", ["CSIDriver", "CSINode", "VolumeAttachment"], "1.22", "storage.k8s.io/v1"),
  // Removed in 1.25
  ...rows("batch/v1beta1", ["CronJob"], "1.25", "batch/v1", "1.21"),
  ...rows("discovery.k8s.io/v1beta1", ["EndpointSlice"], "1.25", "discovery.k8s.io/v1", "1.21"),
  ...rows("events.k8s.io/v1beta1", ["Event"], "1.25", "events.k8s.io/v1"),
  ...rows("autoscaling/v2beta1", ["HorizontalPodAutoscaler"], "1.25", "autoscaling/v2", "1.22"),
  ...rows("policy/v1beta1", ["PodDisruptionBudget"], "1.25", "policy/v1", "1.21"),
  ...rows("policy/v1beta1", ["PodSecurityPolicy"], "1.25", "none: use Pod Security Admission (namespace labels pod-security.kubernetes.io/*)", "1.21"),
  ...rows("node.k8s.io/v1beta1", ["RuntimeClass"], "1.25", "node.k8s.io/v1", "1.22"),
  // Removed in 1.26
  ...rows("flowcontrol.apiserver.k8s.io/v1beta1", ["FlowSchema", "PriorityLevelConfiguration"], "1.26", "flowcontrol.apiserver.k8s.io/v1", "1.23"),
  ...rows("autoscaling/v2beta2", ["HorizontalPodAutoscaler"], "1.26", "autoscaling/v2", "1.23"),
  // Removed in 1.27
  ...rows("storage.k8s.io/v1beta1", ["CSIStorageCapacity"], "1.27", "storage.k8s.io/v1", "1.24"),
  // Removed in 1.29
  ...rows("flowcontrol.apiserver.k8s.io/v1beta2", ["FlowSchema", "PriorityLevelConfiguration"], "1.29", "flowcontrol.apiserver.k8s.io/v1", "1.26"),
  // Removed in 1.32
  ...rows("flowcontrol.apiserver.k8s.io/v1beta3", ["FlowSchema", "PriorityLevelConfiguration"], "1.32", "flowcontrol.apiserver.k8s.io/v1", "1.29"),
];

const INDEX = new Map(DEPRECATED_APIS.map((d) => [`${d.apiVersion} ${d.kind}`, d]));

/** The table row for an apiVersion and kind, when that version of the kind is deprecated or removed. */
export function deprecatedApi(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return INDEX.get(`${apiVersion} ${kind}`);
}
