/**
 * Normalizer: `kubernetes_*` resources of the kubernetes Terraform provider (2.38) → Kubernetes API objects.
 *
 * The provider writes the API in snake_case, with repeated fields as singular block names (`container`, `port`,
 * `volume_mount`) and single nested objects as blocks (written by cdktf as objects, by hand often as lists of one).
 * The conversion is generic: keys to camelCase, a rename table for the singular block names, single-element block
 * lists unwrapped except where the API field is an array, map attributes (labels, data, resources.limits...) copied
 * key for key. Provider-only attributes (wait_for_rollout, timeouts, lifecycle, depends_on...) are not part of the
 * object; rules that need them read the resource body. Terraform interpolations stay strings.
 */
import type { ResourceView } from "../types";
import { isRecord, type JsonObject } from "./json";
import type { KubeObject, ModelObject } from "./object";

/** apiVersion and kind of a provider resource type. */
export interface ProviderKind {
  /** e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** e.g. `Deployment`. */
  readonly kind: string;
}

function both(base: string, legacyApiVersion: string, v1ApiVersion: string, kind: string): [string, ProviderKind][] {
  return [
    [base, { apiVersion: legacyApiVersion, kind }],
    [`${base}_v1`, { apiVersion: v1ApiVersion, kind }],
  ];
}

/** Every provider resource type that creates one API object, with its apiVersion and kind. */
export const PROVIDER_KINDS: ReadonlyMap<string, ProviderKind> = new Map<string, ProviderKind>([
  ...both("kubernetes_deployment", "apps/v1", "apps/v1", "Deployment"),
  ...both("kubernetes_stateful_set", "apps/v1", "apps/v1", "StatefulSet"),
  ["kubernetes_daemonset", { apiVersion: "apps/v1", kind: "DaemonSet" }],
  ["kubernetes_daemon_set_v1", { apiVersion: "apps/v1", kind: "DaemonSet" }],
  ...both("kubernetes_job", "batch/v1", "batch/v1", "Job"),
  ...both("kubernetes_cron_job", "batch/v1beta1", "batch/v1", "CronJob"),
  ...both("kubernetes_pod", "v1", "v1", "Pod"),
  ...both("kubernetes_replication_controller", "v1", "v1", "ReplicationController"),
  ...both("kubernetes_service", "v1", "v1", "Service"),
  ["kubernetes_ingress", { apiVersion: "networking.k8s.io/v1beta1", kind: "Ingress" }],
  ["kubernetes_ingress_v1", { apiVersion: "networking.k8s.io/v1", kind: "Ingress" }],
  ["kubernetes_ingress_class", { apiVersion: "networking.k8s.io/v1", kind: "IngressClass" }],
  ["kubernetes_ingress_class_v1", { apiVersion: "networking.k8s.io/v1", kind: "IngressClass" }],
  ...both("kubernetes_network_policy", "networking.k8s.io/v1", "networking.k8s.io/v1", "NetworkPolicy"),
  ["kubernetes_horizontal_pod_autoscaler", { apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler" }],
  ["kubernetes_horizontal_pod_autoscaler_v1", { apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler" }],
  ["kubernetes_horizontal_pod_autoscaler_v2", { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" }],
  ["kubernetes_horizontal_pod_autoscaler_v2beta2", { apiVersion: "autoscaling/v2beta2", kind: "HorizontalPodAutoscaler" }],
  ...both("kubernetes_pod_disruption_budget", "policy/v1beta1", "policy/v1", "PodDisruptionBudget"),
  ...both("kubernetes_config_map", "v1", "v1", "ConfigMap"),
  ...both("kubernetes_secret", "v1", "v1", "Secret"),
  ...both("kubernetes_namespace", "v1", "v1", "Namespace"),
  ...both("kubernetes_service_account", "v1", "v1", "ServiceAccount"),
  ...both("kubernetes_persistent_volume_claim", "v1", "v1", "PersistentVolumeClaim"),
  ...both("kubernetes_persistent_volume", "v1", "v1", "PersistentVolume"),
  ...both("kubernetes_role", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1", "Role"),
  ...both("kubernetes_cluster_role", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1", "ClusterRole"),
  ...both("kubernetes_role_binding", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1", "RoleBinding"),
  ...both("kubernetes_cluster_role_binding", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
  ...both("kubernetes_storage_class", "storage.k8s.io/v1", "storage.k8s.io/v1", "StorageClass"),
  ...both("kubernetes_limit_range", "v1", "v1", "LimitRange"),
  ...both("kubernetes_resource_quota", "v1", "v1", "ResourceQuota"),
  ...both("kubernetes_priority_class", "scheduling.k8s.io/v1", "scheduling.k8s.io/v1", "PriorityClass"),
  ...both("kubernetes_endpoints", "v1", "v1", "Endpoints"),
  ["kubernetes_endpoint_slice_v1", { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice" }],
  ["kubernetes_runtime_class_v1", { apiVersion: "node.k8s.io/v1", kind: "RuntimeClass" }],
  ...both("kubernetes_csi_driver", "storage.k8s.io/v1beta1", "storage.k8s.io/v1", "CSIDriver"),
  ...both("kubernetes_validating_webhook_configuration", "admissionregistration.k8s.io/v1beta1", "admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"),
  ...both("kubernetes_mutating_webhook_configuration", "admissionregistration.k8s.io/v1beta1", "admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"),
  ...both("kubernetes_api_service", "apiregistration.k8s.io/v1", "apiregistration.k8s.io/v1", "APIService"),
  ...both("kubernetes_certificate_signing_request", "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1", "CertificateSigningRequest"),
]);

/** Top-level attributes of the provider (or of Terraform) that are not part of the API object. */
const PROVIDER_ONLY = new Set([
  "//", "count", "for_each", "provider", "depends_on", "lifecycle", "timeouts", "connection", "provisioner",
  "wait_for_rollout", "wait_for_completion", "wait_for_load_balancer", "wait_for_default_service_account",
  "wait_for_service_account_token", "wait_until_bound", "auto_approve", "certificate",
]);

/** Provider block names whose API field is a list with a plural name (renamed only when the value is a block). */
const RENAMES: Readonly<Record<string, string>> = {
  container: "containers",
  init_container: "initContainers",
  ephemeral_container: "ephemeralContainers",
  volume: "volumes",
  volume_mount: "volumeMounts",
  volume_device: "volumeDevices",
  port: "ports",
  toleration: "tolerations",
  rule: "rules",
  path: "paths",
  http_header: "httpHeaders",
  metric: "metrics",
  policy: "policies",
  volume_claim_template: "volumeClaimTemplates",
  topology_spread_constraint: "topologySpreadConstraints",
  readiness_gate: "readinessGates",
  subject: "subjects",
  node_selector_term: "nodeSelectorTerms",
  match_expression: "matchExpressions",
  match_fields: "matchFields",
  option: "options",
  sysctl: "sysctls",
  limit: "limits",
  webhook: "webhooks",
  image_pull_secret: "imagePullSecrets",
  cluster_role_selectors: "clusterRoleSelectors",
  address: "addresses",
  not_ready_address: "notReadyAddresses",
  endpoint: "endpoints",
  subset: "subsets",
  scope_selector: "scopeSelector",
};

/** Scalar attributes the API spells differently from the provider's snake_case. */
const SCALAR_RENAMES: Readonly<Record<string, string>> = {
  cluster_ip: "clusterIP",
  cluster_ips: "clusterIPs",
  external_ips: "externalIPs",
  load_balancer_ip: "loadBalancerIP",
  host_ip: "hostIP",
  pod_ip: "podIP",
  host_pid: "hostPID",
  host_ipc: "hostIPC",
  non_resource_urls: "nonResourceURLs",
  timezone: "timeZone",
  target_cpu_utilization_percentage: "targetCPUUtilizationPercentage",
  client_ip: "clientIP",
  storage_provisioner: "provisioner",
};

/** API fields that are lists of objects (a single block is wrapped, a block list is kept). */
const ARRAY_FIELDS = new Set([
  "containers", "initContainers", "ephemeralContainers", "volumes", "volumeMounts", "volumeDevices", "ports", "env",
  "envFrom", "tolerations", "rules", "paths", "httpHeaders", "metrics", "policies", "volumeClaimTemplates",
  "imagePullSecrets", "topologySpreadConstraints", "hostAliases", "matchExpressions", "matchFields", "subjects",
  "nodeSelectorTerms", "readinessGates", "options", "sysctls", "limits", "webhooks", "tls", "items", "sources",
  "ingress", "egress", "from", "to", "secrets", "clusterRoleSelectors", "allowedTopologies", "matchLabelExpressions",
  "preferredDuringSchedulingIgnoredDuringExecution", "addresses", "notReadyAddresses", "endpoints", "subsets",
  "ownerReferences", "keyToPath",
]);

/** Provider attributes that are maps: copied key for key (label keys are not camelCased). */
const MAP_ATTRIBUTES = new Set([
  "labels", "annotations", "data", "binary_data", "string_data", "match_labels", "node_selector", "limits", "requests",
  "parameters", "hard", "capacity", "max", "min", "default", "default_request", "max_limit_request_ratio",
  "volume_attributes", "driver_parameters", "overhead",
]);

/** API fields that are integers (or int-or-string): an all-digit string is the number, as the provider sends it. */
const NUMERIC_FIELDS = new Set([
  "runAsUser", "runAsGroup", "fsGroup", "containerPort", "hostPort", "port", "targetPort", "nodePort", "number",
  "replicas", "minReplicas", "maxReplicas", "periodSeconds", "timeoutSeconds", "initialDelaySeconds",
  "failureThreshold", "successThreshold", "terminationGracePeriodSeconds", "backoffLimit", "activeDeadlineSeconds",
  "startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit", "ttlSecondsAfterFinished",
  "revisionHistoryLimit", "progressDeadlineSeconds", "minReadySeconds", "defaultMode", "mode", "averageUtilization",
  "targetCPUUtilizationPercentage", "completions", "parallelism", "maxUnavailable", "maxSurge", "minAvailable",
  "partition", "weight", "maxSkew", "stabilizationWindowSeconds", "periodSeconds", "endPort", "expirationSeconds",
]);

/** snake_case → camelCase. */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function isBlockValue(value: unknown): boolean {
  return isRecord(value) || (Array.isArray(value) && value.length > 0 && value.every(isRecord));
}

function fieldName(key: string, value: unknown, parent: string | undefined): string {
  const scalar = SCALAR_RENAMES[key];
  if (scalar !== undefined) return scalar;
  const renamed = RENAMES[key];
  if (renamed !== undefined && isBlockValue(value)) {
    // The ingress backend's `service { port { number } }` is one object, not a list of ports.
    if (key === "port" && parent === "service") return "port";
    return renamed;
  }
  // ServiceAccount `secret` blocks are its `secrets` list; a volume's `secret` is one object.
  if (key === "secret" && parent === undefined && isBlockValue(value)) return "secrets";
  return camelCase(key);
}

function numeric(field: string, value: unknown): unknown {
  if (typeof value === "string" && NUMERIC_FIELDS.has(field) && /^\d+$/.test(value)) return Number(value);
  return value;
}

function convertValue(field: string, key: string, value: unknown, parent: string | undefined): unknown {
  if (MAP_ATTRIBUTES.has(key)) {
    const map = isRecord(value) ? value : Array.isArray(value) && value.length === 1 && isRecord(value[0]) ? value[0] : undefined;
    if (map) return { ...map };
  }
  // A Service/ReplicationController selector is a map; a Deployment's is a LabelSelector block.
  if (key === "selector" && isRecord(value) && !("match_labels" in value) && !("match_expressions" in value)) {
    return { ...value };
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isRecord)) {
      const items = value.map((v) => convertObject(v as JsonObject, field));
      if (ARRAY_FIELDS.has(field) || isPodAffinityTerms(field, parent)) return items;
      return items.length === 1 ? items[0] : items;
    }
    return value.map((v) => numeric(field, v));
  }
  if (isRecord(value)) {
    const converted = convertObject(value, field);
    return ARRAY_FIELDS.has(field) || isPodAffinityTerms(field, parent) ? [converted] : converted;
  }
  return numeric(field, value);
}

/** Pod (anti-)affinity's required terms are a list; node affinity's are one NodeSelector object. */
function isPodAffinityTerms(field: string, parent: string | undefined): boolean {
  return field === "requiredDuringSchedulingIgnoredDuringExecution" && parent !== "nodeAffinity";
}

function convertObject(obj: JsonObject, parent: string | undefined): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined || value === null) continue;
    const field = fieldName(key, value, parent);
    out[field] = convertValue(field, key, value, parent);
  }
  return out;
}

/**
 * The API object of a provider resource body: apiVersion and kind from the type, every non-provider attribute
 * converted. Undefined for types that create no single API object.
 */
export function providerObject(type: string, body: JsonObject): KubeObject | undefined {
  const kind = PROVIDER_KINDS.get(type);
  if (!kind) return undefined;
  const fields: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (PROVIDER_ONLY.has(key) || value === undefined || value === null) continue;
    fields[key] = value;
  }
  const converted = convertObject(fields, undefined);
  if (kind.kind === "Secret") {
    // The provider's `data` holds plain text (it encodes it): the API's `stringData`; its `binary_data` is base64: `data`.
    const { data, binaryData, ...rest } = converted;
    return finish(kind, {
      ...rest,
      ...(binaryData !== undefined ? { data: binaryData } : {}),
      ...(data !== undefined ? { stringData: data } : {}),
    });
  }
  if (kind.kind === "HorizontalPodAutoscaler" && type === "kubernetes_horizontal_pod_autoscaler") {
    const spec = converted.spec;
    if (isRecord(spec) && spec.metrics !== undefined) {
      return finish({ apiVersion: "autoscaling/v2beta2", kind: kind.kind }, converted);
    }
  }
  return finish(kind, converted);
}

function finish(kind: ProviderKind, converted: JsonObject): KubeObject {
  const metadata = isRecord(converted.metadata) ? converted.metadata : {};
  return { apiVersion: kind.apiVersion, kind: kind.kind, ...converted, metadata } as KubeObject;
}

/** The model object of a `kubernetes_*` provider resource, or undefined when the type creates no API object. */
export function providerModelObject(resource: ResourceView): ModelObject | undefined {
  const object = providerObject(resource.type, resource.body);
  if (!object) return undefined;
  return { object, origin: "kubernetes-resource", address: resource.address, resource };
}
