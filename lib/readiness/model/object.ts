/**
 * The one model rules read: Kubernetes API objects (apiVersion, kind, metadata, spec, in the API's camelCase,
 * the shape `kubectl get -o json` shows), each tied to the Terraform resource it comes from.
 *
 * Normalizers produce them from `kubernetes_*` provider resources, from `kubernetes_manifest`, from objects a
 * `helm_release` carries in its values, and from `helm_release` charts rendered with the real Helm.
 * Terraform interpolations (`${...}`) stay as strings; `RuleContext.staticValue` follows them.
 */
import type { ResourceView } from "../types";

/** `metadata` of a Kubernetes object. */
export interface KubeMetadata {
  /** metadata.name. */
  readonly name?: string;
  /** metadata.namespace; absent for cluster-scoped objects and for objects that take their release's namespace. */
  readonly namespace?: string;
  /** metadata.labels. */
  readonly labels?: Readonly<Record<string, string>>;
  /** metadata.annotations. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Any other metadata field. */
  readonly [field: string]: unknown;
}

/** A Kubernetes API object. */
export interface KubeObject {
  /** e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** e.g. `Deployment`. */
  readonly kind: string;
  /** metadata. */
  readonly metadata: KubeMetadata;
  /** spec, data, rules, ... as the API has them. */
  readonly [field: string]: unknown;
}

/** How an object reached the model. */
export type ObjectOrigin =
  /** A `kubernetes_*` provider resource (e.g. `kubernetes_deployment_v1`), normalized to the API shape. */
  | "kubernetes-resource"
  /** A `kubernetes_manifest` (already an API object). */
  | "kubernetes-manifest"
  /** An object a `helm_release` carries literally in its values (`objects: [...]`, readystack's manifests chart). */
  | "helm-values"
  /** An object a `helm_release` chart renders, with the real Helm at the pinned version and the exact values. */
  | "helm-rendered";

/** One object of the model, with where it comes from. */
export interface ModelObject {
  /** The Kubernetes API object. */
  readonly object: KubeObject;
  /** How it reached the model. */
  readonly origin: ObjectOrigin;
  /** Terraform address of the resource it comes from (`kubernetes_deployment_v1.api`, `helm_release.loki`). */
  readonly address: string;
  /**
   * `Kind/namespace/name` (`Kind/name` when cluster-scoped) for objects inside a `helm_release`; absent when the
   * object is the whole resource. Findings and waivers name it to point at one object of a release.
   */
  readonly objectRef?: string;
  /** For rendered objects: the chart template that produced it (`loki/templates/single-binary/statefulset.yaml`). */
  readonly template?: string;
  /** The Terraform resource it comes from: construct path, line, readystack metadata and waivers. */
  readonly resource: ResourceView;
}

/** `Kind/namespace/name`, or `Kind/name` without a namespace: how findings and waivers name one object. */
export function objectRefOf(object: KubeObject, defaultNamespace?: string): string {
  const ns = object.metadata.namespace ?? defaultNamespace;
  const name = object.metadata.name ?? "(unnamed)";
  return ns === undefined || ns === "" ? `${object.kind}/${name}` : `${object.kind}/${ns}/${name}`;
}
