import { helmHardenedContainer } from "../k8s/security";
import { helmValues as stringify } from "../k8s/values-cache";
import { ContainerResources, resourcesBlock } from "../k8s/resources";
import { JSON_FIELDS, LABEL_FIELDS, TIMESTAMP } from "./log-pipeline";

/** Promtail pipeline: CRI line format, then the JSON fields, the level label and the timestamp. */
export function promtailPipelineStages(): Record<string, unknown>[] {
  return [
    { cri: {} },
    { json: { expressions: { ...JSON_FIELDS } } },
    { labels: Object.fromEntries(LABEL_FIELDS.map((f) => [f, ""])) },
    { timestamp: { source: TIMESTAMP.source, format: TIMESTAMP.format, action_on_failure: TIMESTAMP.actionOnFailure } },
  ];
}

/** The `kubernetes-pods` scrape job limited to the given namespaces (kubernetes_sd `namespaces.names`). */
export function promtailScrapeConfigs(namespaces: readonly string[]): Record<string, unknown>[] {
  return [
    {
      job_name: "kubernetes-pods",
      pipeline_stages: promtailPipelineStages(),
      kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [...namespaces] } }],
      relabel_configs: [
        { source_labels: ["__meta_kubernetes_pod_node_name"], target_label: "node_name" },
        { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
        {
          source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_name", "__meta_kubernetes_pod_label_app"],
          regex: "^;*([^;]+)(;.*)?$",
          target_label: "app",
        },
        {
          source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_component"],
          target_label: "component",
        },
        { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
        { source_labels: ["__meta_kubernetes_pod_container_name"], target_label: "container" },
        {
          source_labels: ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"],
          separator: "/",
          replacement: "/var/log/pods/*$1/*.log",
          target_label: "__path__",
        },
      ],
    },
  ];
}

/**
 * Promtail's `server` settings added to the chart's config file (`config.snippets.extraServerConfigs`, a
 * templated YAML string). `health_check_target: false`: by default `/ready` answers 500 until Promtail tails at
 * least one file, so on a node that runs none of the stack's pods the DaemonSet pod would never turn ready.
 */
export const PROMTAIL_SERVER_CONFIG = { health_check_target: false } as const;

/** Readiness probe: `/ready` (with {@link PROMTAIL_SERVER_CONFIG}, ready once the server and targets manager run). */
export const PROMTAIL_READINESS_PROBE = {
  httpGet: { path: "/ready", port: "http-metrics" },
  initialDelaySeconds: 10,
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 5,
} as const;

/**
 * Liveness probe: a TCP connect to the HTTP port. It restarts a hung process, never a healthy one that merely
 * has no file to tail (which `/ready` would report on a node without the stack's pods).
 */
export const PROMTAIL_LIVENESS_PROBE = {
  tcpSocket: { port: "http-metrics" },
  initialDelaySeconds: 10,
  periodSeconds: 30,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 5,
} as const;

/** What the Promtail values are built from. */
export interface PromtailValuesInput {
  readonly releaseName: string;
  readonly pushUrl: string;
  readonly namespaces: readonly string[];
  readonly resources: ContainerResources;
}

/**
 * Values for the grafana `promtail` chart 6.17.1 (keys checked against charts/promtail/values.yaml and
 * templates/_pod.tpl at promtail-6.17.1): a DaemonSet whose only scrape job is replaced
 * (`config.snippets.scrapeConfigs`, a templated YAML string) by one that discovers pods of the stack's
 * namespace only. Promtail reads /var/log/pods from the node, so it keeps the chart's UID 0 (root) — with a
 * read-only root filesystem, no privilege escalation and all capabilities dropped. `/ready` does not depend on
 * a tailed file ({@link PROMTAIL_SERVER_CONFIG}) and liveness is a TCP check ({@link PROMTAIL_LIVENESS_PROBE}).
 */
export function promtailValues(input: PromtailValuesInput): Record<string, unknown> {
  return {
    fullnameOverride: input.releaseName,
    daemonset: { enabled: true },
    deployment: { enabled: false },
    resources: resourcesBlock(input.resources),
    podSecurityContext: { runAsUser: 0, runAsGroup: 0, seccompProfile: { type: "RuntimeDefault" } },
    containerSecurityContext: helmHardenedContainer(),
    readinessProbe: { ...PROMTAIL_READINESS_PROBE, httpGet: { ...PROMTAIL_READINESS_PROBE.httpGet } },
    livenessProbe: { ...PROMTAIL_LIVENESS_PROBE, tcpSocket: { ...PROMTAIL_LIVENESS_PROBE.tcpSocket } },
    config: {
      logFormat: "json",
      clients: [{ url: input.pushUrl }],
      snippets: {
        extraServerConfigs: stringify(PROMTAIL_SERVER_CONFIG),
        pipelineStages: promtailPipelineStages(),
        scrapeConfigs: stringify(promtailScrapeConfigs(input.namespaces)),
      },
    },
  };
}
