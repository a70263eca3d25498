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
 * Values for the grafana `alloy` chart (keys checked against operations/helm/charts/alloy/values.yaml):
 * one Deployment replica (API-based tailing needs no DaemonSet), non-root UID 473, read-only root
 * filesystem with an emptyDir for the storage path, no host log mounts, no monitoring CRDs, no usage reporting.
 * `stabilityLevel: public-preview` admits `loki.source.kubernetes` on Alloy releases where it was not yet GA.
 */
export function alloyValues(input: AlloyValuesInput): Record<string, unknown> {
  return {
    fullnameOverride: input.releaseName,
    crds: { create: false },
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
      stabilityLevel: "public-preview",
      storagePath: "/tmp/alloy",
      enableReporting: false,
      mounts: { varlog: false, dockercontainers: false, extra: [{ name: "alloy-storage", mountPath: "/tmp/alloy" }] },
      securityContext: CONTAINER_SECURITY,
      resources: resourcesBlock(input.resources),
      livenessProbe: { httpGet: { path: "/-/healthy", port: ALLOY_HTTP_PORT }, initialDelaySeconds: 10, periodSeconds: 30 },
    },
    configReloader: {
      enabled: true,
      resources: { requests: { cpu: "5m", memory: "16Mi" }, limits: { cpu: "50m", memory: "64Mi" } },
      securityContext: CONTAINER_SECURITY,
    },
    controller: {
      type: "deployment",
      replicas: 1,
      volumes: { extra: [{ name: "alloy-storage", emptyDir: {} }] },
    },
  };
}
