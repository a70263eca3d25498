// The curated view functions a rule of your own needs, exported as `ruleHelpers` from the package root.
// Everything else under lib/readiness/model stays internal: it may change between releases.
export { workloads, allContainers, probe, envByName, podSecurityContext, hasComponent } from "./model/workloads";
export type { Workload, WorkloadKind, ContainerView, EnvVar, ProbeKind } from "./model/workloads";
export { services, serviceTargets, selectorMatches } from "./model/services";
export type { ServiceView, ServicePort, LabelSelector } from "./model/services";
export { ingresses } from "./model/ingress";
export type { IngressView, IngressBackend } from "./model/ingress";
export { helmReleases } from "./model/helm";
export type { HelmRelease, HelmSet, UnresolvedValues } from "./model/helm";
export { findingAt, findingOn } from "./model/findings";
export type { FindingTarget, RuleFinding } from "./model/findings";
export { labelsOf, annotationsOf, namespaceOfObject, nameOfObject } from "./model/metadata";
export { staticString, stringMap } from "./model/json";
export type { JsonObject } from "./model/json";
export { parseQuantity } from "../k8s/validate";
