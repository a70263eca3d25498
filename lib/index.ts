// Public API: re-exports only.
export * from "./errors";
export * from "./versions";
export * from "./k8s/labels";
export * from "./k8s/security";
export * from "./k8s/resources";
export * from "./k8s/probes";
export * from "./k8s/validate";
export * from "./k8s/connections";
export * from "./readiness/types";
