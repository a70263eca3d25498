import type { ContainerResources } from "../k8s/resources";
import type { RedisMaxmemoryPolicy } from "./redis-config";

/** Props of {@link RedisCache}. */
export interface RedisCacheProps {
  /** Namespace the Redis objects live in. */
  readonly namespace: string;
  /** Name of the StatefulSet, Service, ConfigMap and generated Secret. @default "redis" */
  readonly name?: string;
  /** Redis image, pinned by tag or digest. @default IMAGES.redis */
  readonly image?: string;
  /** Memory cap for the dataset (Kubernetes quantity), rendered as exact bytes; must be below the memory limit. @default "256Mi" */
  readonly maxmemory?: string;
  /** Eviction policy once maxmemory is reached. @default "allkeys-lru" */
  readonly maxmemoryPolicy?: RedisMaxmemoryPolicy;
  /** Keep data across restarts: AOF on a PersistentVolumeClaim. false: emptyDir and no AOF (a pure cache). @default true */
  readonly persistence?: boolean;
  /** Size of the data PVC (only with persistence). @default "5Gi" */
  readonly storageSize?: string;
  /** StorageClass of the data PVC. @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
  /** Terraform prevent_destroy on the StatefulSet (only with persistence). @default true */
  readonly preventDestroy?: boolean;
  /** Use this existing Secret for the password instead of generating one. @default - a random 32-character password is generated */
  readonly existingSecretName?: string;
  /** Key of the password in `existingSecretName`. @default "password" */
  readonly existingSecretKey?: string;
  /** CPU/memory overrides. @default cpu 100m/500m, memory 384Mi/512Mi (request/limit) */
  readonly resources?: Partial<ContainerResources>;
}
