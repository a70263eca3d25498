/** The API type name of the object at a path, for messages (`... is not a field of Container`). */

/** Types named by the key that holds them, whatever the parent. */
const BY_KEY: Readonly<Record<string, string>> = {
  metadata: "ObjectMeta",
  containers: "Container",
  initContainers: "Container",
  ephemeralContainers: "EphemeralContainer",
  resources: "ResourceRequirements",
  env: "EnvVar",
  envFrom: "EnvFromSource",
  valueFrom: "EnvVarSource",
  volumeMounts: "VolumeMount",
  volumes: "Volume",
  livenessProbe: "Probe",
  readinessProbe: "Probe",
  startupProbe: "Probe",
  httpGet: "HTTPGetAction",
  tcpSocket: "TCPSocketAction",
  selector: "LabelSelector",
  capabilities: "Capabilities",
  seccompProfile: "SeccompProfile",
  affinity: "Affinity",
  tolerations: "Toleration",
  template: "PodTemplateSpec",
  jobTemplate: "JobTemplateSpec",
  strategy: "DeploymentStrategy",
  updateStrategy: "UpdateStrategy",
  configMap: "ConfigMapVolumeSource",
  secret: "SecretVolumeSource",
  emptyDir: "EmptyDirVolumeSource",
  persistentVolumeClaim: "PersistentVolumeClaimVolumeSource",
  volumeClaimTemplates: "PersistentVolumeClaim",
  subjects: "Subject",
  roleRef: "RoleRef",
  tls: "IngressTLS",
};

/** Kinds whose pod spec sits at `spec.template.spec` (or `spec.jobTemplate.spec.template.spec`). */
const CONTAINER_KEYS = new Set(["containers", "initContainers", "ephemeralContainers"]);

/**
 * The type at `segments` (the path of an object inside a `kind` object), or undefined when not known here.
 * Array indices are skipped: `spec.containers[0]` is a Container.
 */
export function typeNameAt(kind: string, segments: readonly string[]): string | undefined {
  const keys = segments.filter((s) => !/^\d+$/.test(s));
  if (keys.length === 0) return kind;
  const last = keys[keys.length - 1];
  const prev = keys[keys.length - 2];
  if (last === "spec") {
    if (keys.length === 1) return `${kind}Spec`;
    if (prev === "template") return "PodSpec";
    if (prev === "jobTemplate") return "JobSpec";
    if (prev === "volumeClaimTemplates") return "PersistentVolumeClaimSpec";
    return undefined;
  }
  if (last === "securityContext") return prev !== undefined && CONTAINER_KEYS.has(prev) ? "SecurityContext" : "PodSecurityContext";
  if (last === "ports") return kind === "Service" ? "ServicePort" : prev !== undefined && CONTAINER_KEYS.has(prev) ? "ContainerPort" : undefined;
  if (last === "rules") return kind === "Ingress" ? "IngressRule" : kind.endsWith("Role") ? "PolicyRule" : undefined;
  return BY_KEY[last];
}
