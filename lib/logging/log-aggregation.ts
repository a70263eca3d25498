import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import { helmValues as stringify } from "../k8s/values-cache";
import { COMPONENTS, setReadystackMetadata } from "../k8s/metadata";
import { Readiness } from "../readiness/readiness";
import { ContainerResources } from "../k8s/resources";
import { PropValidator } from "../k8s/validate";
import { CHARTS } from "../versions";
import { alloyValues } from "./alloy-values";
import { LOKI_PUSH_PATH } from "./log-pipeline";
import { LOKI_HTTP_PORT, lokiPodSelector, lokiValues } from "./loki-values";
import { promtailValues } from "./promtail-values";
import type { LogAggregationProps, LogShipper } from "./log-aggregation-props";

export type { LogAggregationProps, LogShipper } from "./log-aggregation-props";

const DEFAULT_LOKI_RESOURCES: ContainerResources = { cpuRequest: "100m", memoryRequest: "256Mi", cpuLimit: "1", memoryLimit: "1Gi" };
const DEFAULT_SHIPPER_RESOURCES: ContainerResources = { cpuRequest: "50m", memoryRequest: "64Mi", cpuLimit: "500m", memoryLimit: "256Mi" };
const LOKI_RELEASE = "loki";
const RETENTION = /^([1-9]\d*)(h|d|w)$/;
const RELEASE_BEHAVIOUR = { atomic: true, cleanupOnFail: true, wait: true, timeout: 600, maxHistory: 10, createNamespace: true } as const;

/** Promtail's end of life, recorded on its release for the readiness engine. */
export const PROMTAIL_END_OF_LIFE = { since: "2026-03-02", replacement: 'Grafana Alloy (shipper: "alloy")' } as const;

/**
 * Log aggregation for one stack: Loki in Monolithic (single-binary) mode with filesystem storage on a PVC
 * and compactor retention, plus a shipper (Promtail DaemonSet or Grafana Alloy) that ships only the stack
 * namespace's container logs and parses the API's JSON lines (level label, msg, timestamp).
 *
 * Promtail reached end of life on 2026-03-02; it stays the default so existing stacks keep their shipper, and
 * its release carries `//.readystack.endOfLife`. Prefer `shipper: "alloy"`.
 *
 * NetworkPolicies: with default-deny in the Loki namespace, allow {@link LogAggregation.shipperPodSelector} (in
 * {@link LogAggregation.shipperNamespace}) → {@link LogAggregation.lokiPodSelector} on TCP {@link LogAggregation.lokiPort}; the shipper also needs egress to
 * the Kubernetes API (discovery, and for Alloy the log stream itself).
 */
export class LogAggregation extends Construct {
  /** The Loki helm_release (prevent_destroy by default). */
  public readonly lokiRelease: Release;
  /** The shipper helm_release (promtail or alloy). */
  public readonly shipperRelease: Release;
  /** The shipper in use. */
  public readonly shipper: LogShipper;
  /** Loki's in-cluster push URL (no gateway: straight to the single-binary Service). */
  public readonly lokiPushUrl: string;
  /** Loki's in-cluster base URL (for Grafana data sources and queries). */
  public readonly lokiUrl: string;
  /** Loki's HTTP port. */
  public readonly lokiPort: number = LOKI_HTTP_PORT;
  /** Labels of the Loki pods. */
  public readonly lokiPodSelector: Readonly<Record<string, string>>;
  /** Labels of the shipper pods. */
  public readonly shipperPodSelector: Readonly<Record<string, string>>;
  /** Namespace of Loki. */
  public readonly lokiNamespace: string;
  /** Namespace of the shipper. */
  public readonly shipperNamespace: string;
  /** Namespaces whose logs are shipped (the stack namespace only). */
  public readonly targetNamespaces: readonly string[];
  /** Loki retention period. */
  public readonly retention: string;

  constructor(scope: Construct, id: string, props: LogAggregationProps) {
    super(scope, id);
    const v = new PropValidator(this);
    if (props === null || typeof props !== "object") v.fail("props", props, "a LogAggregationProps object");
    const namespace = v.dnsLabel("namespace", props.namespace);
    this.lokiNamespace = v.dnsLabel("lokiNamespace", props.lokiNamespace ?? namespace);
    this.shipperNamespace = v.dnsLabel("shipperNamespace", props.shipperNamespace ?? this.lokiNamespace);
    this.shipper = v.oneOf<LogShipper>("shipper", props.shipper ?? "promtail", ["promtail", "alloy"]);
    this.retention = this.validateRetention(v, props.retention ?? "744h");
    const storageSize = v.memory("storageSize", props.storageSize ?? "20Gi");
    if ("storageClass" in props) v.fail("storageClass", (props as { storageClass?: unknown }).storageClass, "storageClassName (the StorageClass prop is named storageClassName, as in the other constructs)");
    const storageClass = props.storageClassName === undefined ? undefined : v.dnsSubdomain("storageClassName", props.storageClassName);
    const lokiResources = v.resources("lokiResources", DEFAULT_LOKI_RESOURCES, props.lokiResources);
    const shipperResources = v.resources("shipperResources", DEFAULT_SHIPPER_RESOURCES, props.shipperResources);
    const preventDestroy = v.bool("preventDestroy", props.preventDestroy ?? true);
    const clusterDomain = v.hostname("clusterDomain", props.clusterDomain ?? "cluster.local");
    this.targetNamespaces = [namespace];

    this.lokiUrl = `http://${LOKI_RELEASE}.${this.lokiNamespace}.svc.${clusterDomain}:${LOKI_HTTP_PORT}`;
    this.lokiPushUrl = `${this.lokiUrl}${LOKI_PUSH_PATH}`;
    this.lokiPodSelector = lokiPodSelector(LOKI_RELEASE);

    this.lokiRelease = new Release(this, "loki", {
      name: LOKI_RELEASE,
      namespace: this.lokiNamespace,
      repository: CHARTS.loki.repository,
      chart: CHARTS.loki.chart,
      version: CHARTS.loki.version,
      ...RELEASE_BEHAVIOUR,
      values: [stringify(lokiValues({ releaseName: LOKI_RELEASE, retention: this.retention, storageSize, storageClass, resources: lokiResources }))],
      lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
    });
    setReadystackMetadata(this.lokiRelease, "component", COMPONENTS.loki);
    setReadystackMetadata(this.lokiRelease, "deploymentMode", "Monolithic");
    setReadystackMetadata(this.lokiRelease, "retention", this.retention);
    setReadystackMetadata(this.lokiRelease, "pvcRetention", "Retain");
    setReadystackMetadata(this.lokiRelease, "authEnabled", false);
    setReadystackMetadata(this.lokiRelease, "pushUrl", this.lokiPushUrl);
    Readiness.waive(
      this.lokiRelease,
      "RS-MIN-REPLICAS",
      "Loki runs as one single-binary replica on a ReadWriteOnce PVC with filesystem storage by design; a second replica needs object storage (SimpleScalable mode)",
      { objectRef: `StatefulSet/${this.lokiNamespace}/${LOKI_RELEASE}` },
    );

    const shipperInput = { releaseName: this.shipper, pushUrl: this.lokiPushUrl, namespaces: this.targetNamespaces, resources: shipperResources };
    const chart = this.shipper === "promtail" ? CHARTS.promtail : CHARTS.alloy;
    this.shipperRelease = new Release(this, this.shipper, {
      name: this.shipper,
      namespace: this.shipperNamespace,
      repository: chart.repository,
      chart: chart.chart,
      version: chart.version,
      ...RELEASE_BEHAVIOUR,
      values: [stringify(this.shipper === "promtail" ? promtailValues(shipperInput) : alloyValues(shipperInput))],
      dependsOn: [this.lokiRelease],
    });
    this.shipperPodSelector = { "app.kubernetes.io/name": this.shipper, "app.kubernetes.io/instance": this.shipper };
    setReadystackMetadata(this.shipperRelease, "component", this.shipper);
    setReadystackMetadata(this.shipperRelease, "targetNamespaces", [...this.targetNamespaces]);
    setReadystackMetadata(this.shipperRelease, "parsesJson", true);
    setReadystackMetadata(this.shipperRelease, "pushUrl", this.lokiPushUrl);
    if (this.shipper === "promtail") {
      setReadystackMetadata(this.shipperRelease, "endOfLife", { ...PROMTAIL_END_OF_LIFE });
      setReadystackMetadata(this.shipperRelease, "runsAsRoot", "reads /var/log/pods from the node (hostPath)");
    }
  }

  private validateRetention(v: PropValidator, retention: unknown): string {
    const accepted = 'a whole number of days of at least 24h, written "<n>h", "<n>d" or "<n>w", such as "744h", "31d" or "4w"';
    const m = typeof retention === "string" ? RETENTION.exec(retention) : null;
    if (!m) v.fail("retention", retention, accepted);
    const hours = Number(m[1]) * { h: 1, d: 24, w: 168 }[m[2] as "h" | "d" | "w"];
    if (hours < 24 || hours % 24 !== 0) v.fail("retention", retention, accepted);
    return retention as string;
  }
}
