/** Parsing `helm template` output: multi-document YAML, each document tagged with its `# Source: <template>`. */
import { parse as parseYaml } from "yaml";
import type { KubeObject } from "../model/object";

/** One object Helm rendered, with the template that produced it. */
export interface RenderedManifest {
  /** The object as Helm printed it. */
  readonly object: KubeObject;
  /** `# Source:` of its document, e.g. `loki/templates/single-binary/statefulset.yaml`. */
  readonly template?: string;
}

/** Kinds that are never namespaced (built-in APIs and the custom resources readystack's charts ship). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  "APIService", "CertificateSigningRequest", "ClusterIssuer", "ClusterRole", "ClusterRoleBinding", "CSIDriver", "CSINode",
  "CustomResourceDefinition", "FlowSchema", "IngressClass", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
  "MutatingWebhookConfiguration", "Namespace", "Node", "PersistentVolume", "PriorityClass", "PriorityLevelConfiguration",
  "RuntimeClass", "StorageClass", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration", "VolumeAttachment",
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A parsed document as a Kubernetes object, or undefined when it is empty or not an object with apiVersion and kind. */
function asObject(doc: unknown): KubeObject | undefined {
  if (!isRecord(doc) || typeof doc.apiVersion !== "string" || typeof doc.kind !== "string") return undefined;
  return { ...doc, metadata: isRecord(doc.metadata) ? doc.metadata : {} } as KubeObject;
}

/**
 * Split Helm's output into objects. `kind: List` documents are flattened. A document that does not parse is an
 * error naming its template (Helm itself refuses to install such output).
 */
export function parseRendered(text: string): RenderedManifest[] {
  const out: RenderedManifest[] = [];
  for (const chunk of text.split(/^---[ \t]*$/m)) {
    if (chunk.trim() === "") continue;
    const source = /^# Source: (.+)$/m.exec(chunk)?.[1]?.trim();
    let doc: unknown;
    try {
      doc = parseYaml(chunk);
    } catch (error) {
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new Error(`rendered YAML of ${source ?? "a template"} does not parse: ${why}`);
    }
    const items = isRecord(doc) && doc.kind === "List" && Array.isArray(doc.items) ? doc.items : [doc];
    for (const item of items) {
      const object = asObject(item);
      if (object) out.push(source === undefined ? { object } : { object, template: source });
    }
  }
  return out;
}

/** Kinds the rendered CRDs declare cluster-scoped (`spec.scope: Cluster`). */
export function clusterScopedCustomKinds(manifests: readonly RenderedManifest[]): Set<string> {
  const kinds = new Set<string>();
  for (const m of manifests) {
    if (m.object.kind !== "CustomResourceDefinition") continue;
    const spec = m.object.spec;
    if (!isRecord(spec) || spec.scope !== "Cluster" || !isRecord(spec.names)) continue;
    if (typeof spec.names.kind === "string") kinds.add(spec.names.kind);
  }
  return kinds;
}

/** The object with the release namespace filled in when it is namespaced and names none. */
export function withReleaseNamespace(object: KubeObject, namespace: string, clusterScoped: ReadonlySet<string>): KubeObject {
  if (CLUSTER_SCOPED_KINDS.has(object.kind) || clusterScoped.has(object.kind)) return object;
  const ns = object.metadata.namespace;
  if (typeof ns === "string" && ns !== "") return object;
  return { ...object, metadata: { ...object.metadata, namespace } };
}
