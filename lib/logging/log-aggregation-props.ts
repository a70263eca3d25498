import type { ContainerResources } from "../k8s/resources";

/** Which agent ships the stack's container logs to Loki. */
export type LogShipper = "promtail" | "alloy";

/** Props of {@link LogAggregation}. */
export interface LogAggregationProps {
  /** The stack's namespace: the only namespace whose pod logs are shipped. */
  readonly namespace: string;
  /** Namespace of Loki (created if missing). @default the stack namespace */
  readonly lokiNamespace?: string;
  /** Namespace of the shipper release (created if missing). @default lokiNamespace */
  readonly shipperNamespace?: string;
  /**
   * The log shipper. "promtail" is the default for existing stacks, but Promtail reached end of life on 2026-03-02
   * (no more fixes, its chart 6.17.1 is the last); "alloy" (Grafana Alloy) is the maintained replacement and
   * tails logs through the Kubernetes API as a non-root Deployment, without hostPath mounts.
   * @default "promtail"
   */
  readonly shipper?: LogShipper;
  /** How long Loki keeps logs: whole days as `<n>h`, `<n>d` or `<n>w`, at least 24h. @default "744h" (31 days) */
  readonly retention?: string;
  /** Size of Loki's PersistentVolumeClaim. @default "20Gi" */
  readonly storageSize?: string;
  /** StorageClass of that PVC. @default the cluster's default StorageClass */
  readonly storageClassName?: string;
  /** Requests/limits of the Loki container. @default 100m/256Mi requests, 1 CPU/1Gi limits */
  readonly lokiResources?: Partial<ContainerResources>;
  /** Requests/limits of the shipper container. @default 50m/64Mi requests, 500m/256Mi limits */
  readonly shipperResources?: Partial<ContainerResources>;
  /**
   * Terraform `prevent_destroy` on the Loki helm_release. (It cannot reach the PVC inside the release; the
   * chart's StatefulSet PVC retention policy is set to Retain for that.) @default true
   */
  readonly preventDestroy?: boolean;
  /** Kubernetes cluster DNS domain, for Loki's in-cluster URL. @default "cluster.local" */
  readonly clusterDomain?: string;
}
