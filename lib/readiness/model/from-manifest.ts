/** Normalizer: `kubernetes_manifest` resources are already Kubernetes API objects. */
import type { ResourceView } from "../types";
import { first } from "./json";
import type { KubeObject, ModelObject } from "./object";

/** The object of a `kubernetes_manifest` whose manifest is an object with a string apiVersion and kind. */
export function manifestObject(resource: ResourceView): ModelObject | undefined {
  const raw = first(resource.body.manifest);
  if (!raw || typeof raw.apiVersion !== "string" || typeof raw.kind !== "string") return undefined;
  const metadata = first(raw.metadata) ?? {};
  const object = { ...raw, metadata } as KubeObject;
  return { object, origin: "kubernetes-manifest", address: resource.address, resource };
}
