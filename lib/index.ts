// Public API: re-exports only.
export * from "./errors";
export * from "./versions";
export * from "./k8s/labels";
export * from "./k8s/security";
export * from "./k8s/resources";
export * from "./k8s/probes";
export * from "./k8s/validate";
export * from "./k8s/connections";
export * from "./k8s/metadata";
export * from "./backend/kubernetes-backend";
export * from "./backend/state-backend";
export * from "./postgres";
export * from "./redis/redis-cache";
export * from "./redis/redis-config";
export * from "./api/api-service";
export * from "./api/api-service-props";
export * from "./api/env-example";
export * from "./ingress";
export * from "./logging";
export * from "./network/network-policies";
export * from "./readiness/types";
export * from "./readiness/context";
export * from "./readiness/engine";
export * from "./readiness/result";
export * from "./readiness/readiness";
/** Helpers for writing rules of your own over the Terraform JSON (workloads, containers, Helm values, findings). */
export * as model from "./readiness/k8s-model";
export * from "./ready-stack";
