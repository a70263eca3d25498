// Public API: re-exports only, each name chosen. Whatever is not here is internal and may change
// between releases; docs/readystack.api.md records this surface and `npm run api:check` guards it.

// Errors
export { ReadystackConfigError, ReadinessError } from "./errors";

// Version pins
export { IMAGES, CHARTS, type ChartPin } from "./versions";

// The stack
export { ReadyStack, type ReadyStackProps, type ClusterAccess } from "./ready-stack";

// Constructs, their props and connections
export { PostgresDatabase, type PostgresDatabaseProps } from "./postgres";
export {
  PostgresBackup,
  type PostgresBackupProps,
  type PostgresBackupOffsite,
  type BackupAccessMode,
  type OffsiteCredentials,
  type OffsiteProvider,
  type OffsiteSecretCredentials,
  type OffsiteUploadCheck,
  type ResolvedOffsite,
} from "./postgres";
export { DatabaseMigrations, type DatabaseMigrationsProps, type MigrationFile } from "./postgres";
export { RedisCache, type RedisCacheProps } from "./redis";
export type { RedisMaxmemoryPolicy } from "./redis";
export { ApiService, type ResolvedAutoscaling } from "./api";
export type { ApiServiceProps, ApiAutoscalingProps, ApiLogLevel, ApiLogFormat } from "./api";
export type { EnvVarDoc } from "./api";
export {
  HttpsIngress,
  type HttpsIngressProps,
  type IngressBackend,
  type IngressControllerChoice,
  type TraefikControllerChoice,
  type ExistingControllerChoice,
} from "./ingress";
export type { AcmeServer } from "./ingress";
export type { HstsSettings } from "./ingress";
export { LogAggregation, type LogAggregationProps, type LogShipper } from "./logging";
export { NetworkPolicies, type NetworkPoliciesProps, type NetworkFlow, type FlowPort, type PodPeer } from "./network";
export { KubernetesBackend, DataTerraformRemoteStateKubernetes, type KubernetesBackendConfig } from "./backend/kubernetes-backend";
export { configureStateBackend, type StateBackendConfig } from "./backend/state-backend";
export type { PostgresConnection, RedisConnection, SecretKeyRef } from "./k8s/connections";
export type { ContainerResources } from "./k8s/resources";
export type { ProbeTiming } from "./k8s/probes";

// The readiness check
export { Readiness, type ReadinessOptions, type ReportFormat } from "./readiness/readiness";
export type { RenderOptions } from "./readiness/rehearsal/options";
export type { RenderingReport, ReleaseRendering } from "./readiness/model/rendering";
export type {
  CriterionId,
  RulePack,
  RuleLevel,
  FindingSeverity,
  TerraformJson,
  Waiver,
  ResourceView,
  ResolvedReference,
  RuleContext,
  Finding,
  RuleOutcome,
  RuleOptionType,
  RuleOptionValue,
  RuleOptionSpec,
  NotAnalysedItem,
  Rule,
} from "./readiness/types";
export type {
  RuleSummary,
  ReportedFinding,
  CriterionStatus,
  CriterionResult,
  WaiverRecord,
  InventoryItem,
  Scorecard,
  CriterionCount,
  CoverageReport,
  RunSelection,
  ReadinessResult,
} from "./readiness/result";
export type { KubeObject, KubeMetadata, ModelObject, ObjectOrigin } from "./readiness/model/object";
export type { ReadinessConfig, ConfigWaiver, RoleSelector, RoleSelectors } from "./readiness/config/types";

/** The view functions a rule of your own reads the stack with: workloads, containers, probes, services, findings. */
export * as ruleHelpers from "./readiness/rule-helpers";
