/** Names, namespaces and labels of model objects, with Terraform references followed where static. */
import type { RuleContext } from "../types";
import { helmReleaseAt } from "./helm";
import { staticString, stringMap } from "./json";
import type { ModelObject } from "./object";

/** The standard component label. */
export const COMPONENT_LABEL = "app.kubernetes.io/component";

/**
 * The namespace of an object: static metadata.namespace (else the raw expression); for objects of a helm_release
 * without one, the release's namespace; else "default".
 */
export function namespaceOfObject(ctx: RuleContext, o: ModelObject): string {
  const raw = o.object.metadata.namespace;
  if (raw !== undefined && raw !== null && raw !== "") return staticString(ctx, raw) ?? String(raw);
  if (o.origin === "helm-values" || o.origin === "helm-rendered") return helmReleaseAt(ctx, o.address)?.namespace ?? "default";
  return "default";
}

/** The static metadata.name (else generateName) of an object. */
export function nameOfObject(ctx: RuleContext, o: ModelObject): string | undefined {
  return staticString(ctx, o.object.metadata.name) ?? staticString(ctx, o.object.metadata.generateName);
}

/** metadata.labels with static values. */
export function labelsOf(ctx: RuleContext, o: ModelObject): Record<string, string> {
  return stringMap(ctx, o.object.metadata.labels);
}

/** metadata.annotations with static values. */
export function annotationsOf(ctx: RuleContext, o: ModelObject): Record<string, string> {
  return stringMap(ctx, o.object.metadata.annotations);
}

/**
 * The readystack component of an object: `//.readystack.component` of its resource when the object is the whole
 * resource, else its `app.kubernetes.io/component` label.
 */
export function componentOfObject(ctx: RuleContext, o: ModelObject): string | undefined {
  const rs = o.objectRef === undefined ? o.resource.readystack.component : undefined;
  if (typeof rs === "string") return rs;
  return labelsOf(ctx, o)[COMPONENT_LABEL];
}
