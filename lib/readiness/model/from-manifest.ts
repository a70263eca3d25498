/** Normalizer: `kubernetes_manifest` resources are already Kubernetes API objects. */
import type { ResourceView } from "../types";
import type { KubeObject, ModelObject } from "./object";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object of a `kubernetes_manifest` whose manifest is an object with a string apiVersion and kind. */
export function manifestObject(resource: ResourceView): ModelObject | undefined {
  const raw = Array.isArray(resource.body.manifest) ? resource.body.manifest[0] : resource.body.manifest;
  if (!isRecord(raw) || typeof raw.apiVersion !== "string" || typeof raw.kind !== "string") return undefined;
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const object = { ...raw, metadata } as KubeObject;
  return { object, origin: "kubernetes-manifest", address: resource.address, resource };
}
