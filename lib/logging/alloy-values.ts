import { helmContainerSecurityContext } from "../k8s/security";
import { ContainerResources, resourcesBlock } from "../k8s/resources";
import { JSON_FIELDS, LABEL_FIELDS, TIMESTAMP } from "./log-pipeline";

/** UID/GID of the `alloy` user in the grafana/alloy image (the image itself defaults to root). */
export const ALLOY_UID = 473;
/** Alloy's HTTP port (UI, /-/ready, /-/healthy). */
export const ALLOY_HTTP_PORT = 12345;

/** Quote a string for Alloy syntax. */
function q(s: string): string {
  return JSON.stringify(s);
}

/**
 * Alloy configuration doing what the Promtail pipeline does: discover the pods of the given namespaces,
 * tail their logs through the Kubernetes API (`loki.source.kubernetes`: no hostPath, no root), parse the
 * JSON line, label by level, take the timestamp, push to Loki.
 */
export function alloyConfig(namespaces: readonly string[], pushUrl: string): string {
  const expressions = Object.entries(JSON_FIELDS).map(([k, v]) => `      ${k} = ${q(v)},`).join("\n");
  const labels = LABEL_FIELDS.map((f) => `      ${f} = "",`).join("\n");
  return `discovery.kubernetes "pods" {
  role = "pod"
  namespaces {
    names = [${namespaces.map(q).join(", ")}]
  }
}

discovery.relabel "pods" {
  targets = discovery.kubernetes.pods.targets
  rule {
    source_labels = ["__meta_kubernetes_namespace"]
    target_label  = "namespace"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_name"]
    target_label  = "pod"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_container_name"]
    target_label  = "container"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]
    target_label  = "app"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_component"]
    target_label  = "component"
  }
}

loki.source.kubernetes "pods" {
  targets    = discovery.relabel.pods.output
  forward_to = [loki.process.json.receiver]
}

loki.process "json" {
  forward_to = [loki.write.default.receiver]

  stage.json {
    expressions = {
${expressions}
    }
  }

  stage.labels {
    values = {
${labels}
    }
  }

  stage.timestamp {
    source            = ${q(TIMESTAMP.source)}
    format            = ${q(TIMESTAMP.format)}
    action_on_failure = ${q(TIMESTAMP.actionOnFailure)}
  }
}

loki.write "default" {
  endpoint {
    url = ${q(pushUrl)}
  }
}
`;
}

/** What the Alloy values are built from. */
export interface AlloyValuesInput {
  readonly releaseName: string;
  readonly pushUrl: string;
  readonly namespaces: readonly string[];
  readonly resources: ContainerResources;
}

const CONTAINER_SECURITY = helmContainerSecurityContext(ALLOY_UID);

/**
 * Liveness probe of the Alloy container: a TCP connect to the HTTP port. Not `/-/healthy`: Alloy's HTTP
 * endpoint reference says it is unsuitable for liveness (it turns 500 when any component is unhealthy, e.g. Loki
 * unreachable, and a restart fixes none of that while it stops the healthy pipelines). Readiness is the
 * chart's own probe on `/-/ready` (ready once the configuration has loaded).
 */
export const ALLOY_LIVENESS_PROBE = {
  tcpSocket: { port: ALLOY_HTTP_PORT },
  initialDelaySeconds: 10,
  periodSeconds: 30,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 5,
} as const;

/** An RBAC rule of the shipper. */
export interface AlloyRbacRule {
  /** API groups ("" is the core group). */
  readonly apiGroups: readonly string[];
  /** Resources (and subresources such as `pods/log`). */
  readonly resources: readonly string[];
  /** Verbs: always read-only. */
  readonly verbs: readonly string[];
}

/** Verbs of every RBAC rule the shipper gets: read-only. */
const READ = ["get", "list", "watch"] as const;

/** A fresh, unshared copy of a rule (the YAML writer would otherwise emit anchors for shared arrays). */
function ruleValue(r: AlloyRbacRule): Record<string, string[]> {
  return { apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] };
}

/**
 * The shipper's namespaced-resource rules (chart value `rbac.rules`, granted through its ClusterRole): pod
 * discovery, the pod log stream of `loki.source.kubernetes`, and namespace metadata. The chart's default
 * list also grants cluster-wide reads of Secrets and ConfigMaps (for `remote.kubernetes.*`), CRDs of the
 * Prometheus operator, events and more, none of which this configuration uses.
 */
export const ALLOY_RBAC_RULES: readonly AlloyRbacRule[] = [
  { apiGroups: [""], resources: ["pods", "pods/log", "namespaces"], verbs: READ },
];

/** The shipper's cluster-scoped rules (chart value `rbac.clusterRules`): node metadata for discovery only. */
export const ALLOY_RBAC_CLUSTER_RULES: readonly AlloyRbacRule[] = [
  { apiGroups: [""], resources: ["nodes"], verbs: READ },
];

/**
 * Values for the grafana `alloy` chart 1.11.1 (keys checked against operations/helm/charts/alloy/values.yaml
 * and templates/ at helm-chart/1.11.1): one Deployment replica (API-based tailing needs no DaemonSet), non-root
 * UID 473, read-only root filesystem with an emptyDir for the storage path, no host log mounts, no monitoring
 * CRDs, no usage reporting. The chart's default stability level (generally-available) admits every component
 * used here. RBAC is narrowed to {@link ALLOY_RBAC_RULES} and {@link ALLOY_RBAC_CLUSTER_RULES}; liveness is
 * {@link ALLOY_LIVENESS_PROBE}.
 */
export function alloyValues(input: AlloyValuesInput): Record<string, unknown> {
  return {
    fullnameOverride: input.releaseName,
    crds: { create: false },
    rbac: {
      create: true,
      rules: ALLOY_RBAC_RULES.map(ruleValue),
      clusterRules: ALLOY_RBAC_CLUSTER_RULES.map(ruleValue),
    },
    global: {
      podSecurityContext: {
        runAsNonRoot: true,
        runAsUser: ALLOY_UID,
        runAsGroup: ALLOY_UID,
        fsGroup: ALLOY_UID,
        seccompProfile: { type: "RuntimeDefault" },
      },
    },
    alloy: {
      configMap: { create: true, content: alloyConfig(input.namespaces, input.pushUrl) },
      storagePath: "/tmp/alloy",
      enableReporting: false,
      mounts: { varlog: false, dockercontainers: false, extra: [{ name: "alloy-storage", mountPath: "/tmp/alloy" }] },
      securityContext: CONTAINER_SECURITY,
      resources: resourcesBlock(input.resources),
      livenessProbe: { ...ALLOY_LIVENESS_PROBE, tcpSocket: { ...ALLOY_LIVENESS_PROBE.tcpSocket } },
    },
    // No config-reloader sidecar (the chart gives it no probe): the pod template carries a checksum of the
    // config, so a config change rolls the pods anyway.
    configReloader: { enabled: false },
    controller: {
      type: "deployment",
      replicas: 1,
      volumes: { extra: [{ name: "alloy-storage", emptyDir: {} }] },
    },
  };
}
