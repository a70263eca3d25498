import { ITerraformDependable } from "cdktf";
import { PostgresConnection, RedisConnection, SecretKeyRef } from "../k8s/connections";
import { ContainerResources } from "../k8s/resources";

/** HorizontalPodAutoscaler (autoscaling/v2) settings of {@link ApiServiceProps}. */
export interface ApiAutoscalingProps {
  /** Fewest replicas. @default 2 */
  readonly minReplicas?: number;
  /** Most replicas. @default 10 */
  readonly maxReplicas?: number;
  /** Target average CPU utilization, percent of the CPU request. @default 70 */
  readonly cpuUtilization?: number;
  /** Target average memory utilization, percent of the memory request. @default 80 */
  readonly memoryUtilization?: number;
  /** Seconds the HPA looks back before scaling down (dampens flapping). @default 300 */
  readonly scaleDownStabilizationSeconds?: number;
}

/** Log levels the API accepts in LOG_LEVEL. */
export const API_LOG_LEVELS: readonly ApiLogLevel[] = ["debug", "info", "warn", "error"];
/** A LOG_LEVEL the API accepts. */
export type ApiLogLevel = "debug" | "info" | "warn" | "error";
/** Log formats the API accepts in LOG_FORMAT. */
export const API_LOG_FORMATS: readonly ApiLogFormat[] = ["json", "text"];
/** A LOG_FORMAT the API accepts. */
export type ApiLogFormat = "json" | "text";

/** Props of {@link ApiService}. */
export interface ApiServiceProps {
  /** Namespace of the API objects. */
  readonly namespace: string;
  /** The API image, pinned by tag or digest. */
  readonly image: string;
  /** Name of the Deployment, Service, HPA, PDB and ServiceAccount. @default "api" */
  readonly name?: string;
  /** Container port the API listens on (named "http", given to the app as PORT); 1024 or above, as the container runs without capabilities. @default 8080 */
  readonly port?: number;
  /** Port of the ClusterIP Service (targets the "http" container port). @default 80 */
  readonly servicePort?: number;
  /** HTTP path of the readiness probe. @default "/readyz" */
  readonly readinessPath?: string;
  /** HTTP path of the liveness probe. @default "/livez" */
  readonly livenessPath?: string;
  /** HTTP path of the startup probe (allowed 30 × 5 s to succeed). @default - the liveness path */
  readonly startupPath?: string;
  /** PostgreSQL to connect to: PGHOST/PGPORT/PGDATABASE, DB_USER/DB_PASSWORD, DATABASE_URL, and an init container that waits for it. @default - no database */
  readonly database?: PostgresConnection;
  /** Redis to connect to: REDIS_PASSWORD, REDIS_URL, and an init container that waits for it. @default - no Redis */
  readonly redis?: RedisConnection;
  /** Plain (non-secret) configuration, delivered through a ConfigMap. Names that look secret are rejected: use secretEnv. @default {} */
  readonly env?: Record<string, string>;
  /** Variables read from Secret keys. @default {} */
  readonly secretEnv?: Record<string, SecretKeyRef>;
  /** Descriptions for `env`/`secretEnv` variables in `.env.example`. @default - a generic description */
  readonly envDescriptions?: Record<string, string>;
  /** LOG_LEVEL given to the API. @default "info" */
  readonly logLevel?: ApiLogLevel;
  /** LOG_FORMAT given to the API. @default "json" */
  readonly logFormat?: ApiLogFormat;
  /** CPU/memory overrides. @default cpu 250m/1, memory 256Mi/512Mi (request/limit) */
  readonly resources?: Partial<ContainerResources>;
  /** UID (and GID) the API runs as. @default 10001 */
  readonly uid?: number;
  /** HorizontalPodAutoscaler settings, or false for a fixed replica count. @default - autoscaling with the ApiAutoscalingProps defaults */
  readonly autoscaling?: ApiAutoscalingProps | false;
  /** Fixed replica count; only with `autoscaling: false` (with an HPA the Deployment sets no replicas). @default 2 */
  readonly replicas?: number;
  /** Resources the Deployment waits for (e.g. the migrations Job). @default [] */
  readonly waitFor?: ITerraformDependable[];
  /** Seconds the init containers wait for PostgreSQL/Redis before failing the pod start. @default 300 */
  readonly dependencyTimeoutSeconds?: number;
}
