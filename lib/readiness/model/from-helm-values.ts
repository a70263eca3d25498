/**
 * Normalizer: objects a `helm_release` carries literally in its values (`objects: [...]`, readystack's manifests
 * chart and any chart following that convention) are already API objects. They get origin "helm-values" and an
 * objectRef (`Kind/namespace/name`, the release's namespace when the object names none).
 */
import type { ResourceView, RuleContext } from "../types";
import { helmReleaseAt, readRelease } from "./helm";
import { isRecord, records } from "./json";
import { objectRefOf, type KubeObject, type ModelObject } from "./object";

/** Kinds that live outside namespaces: their objectRef names no namespace. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  "Namespace", "ClusterRole", "ClusterRoleBinding", "ClusterIssuer", "StorageClass", "PriorityClass", "PersistentVolume",
  "IngressClass", "CustomResourceDefinition", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
  "RuntimeClass", "CSIDriver", "APIService", "CertificateSigningRequest",
]);

/** The objects of one helm_release's `objects` values. */
export function helmValuesObjects(ctx: RuleContext, resource: ResourceView): ModelObject[] {
  // The release is parsed once per context (rules read the same parse through helmReleases).
  const release = helmReleaseAt(ctx, resource.address) ?? readRelease(ctx, resource);
  const out: ModelObject[] = [];
  for (const raw of records(release.values.objects)) {
    if (typeof raw.apiVersion !== "string" || typeof raw.kind !== "string") continue;
    const metadata = isRecord(raw.metadata) ? raw.metadata : {};
    const object = { ...raw, metadata } as KubeObject;
    out.push({ object, origin: "helm-values", address: resource.address, objectRef: objectRefOf(object, CLUSTER_SCOPED_KINDS.has(object.kind) ? undefined : release.namespace), resource });
  }
  return out;
}
