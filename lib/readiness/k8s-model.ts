/**
 * The views rules read, in one import: JSON helpers, workloads/pod templates/containers, Services and selectors,
 * Ingresses, HPAs and PDBs, Helm releases, log shippers and roles, all over the model's Kubernetes API objects
 * (`ctx.objects`, see ./model/object.ts). Each group lives in its own file under ./model.
 */
export * from "./model/json";
export * from "./model/findings";
export * from "./model/metadata";
export * from "./model/workloads";
export * from "./model/services";
export * from "./model/ingress";
export * from "./model/autoscaling";
export * from "./model/helm";
export * from "./model/log-shippers";
export * from "./model/roles";
export * from "./model/checks";
export { objectRefOf, type KubeObject, type KubeMetadata, type ModelObject, type ObjectOrigin } from "./model/object";
