/**
 * The model of one Terraform document: every Kubernetes object it would apply, in document order, built once per
 * rule context in one linear pass over the resources.
 */
import type { ResourceView, RuleContext } from "../types";
import { helmValuesObjects } from "./from-helm-values";
import { manifestObject } from "./from-manifest";
import { providerModelObject } from "./from-provider";
import type { ModelObject } from "./object";

/** Objects of the provider resources, kubernetes_manifests and helm_release `objects` values of `resources`. */
export function buildObjects(ctx: RuleContext, resources: readonly ResourceView[]): ModelObject[] {
  const out: ModelObject[] = [];
  for (const r of resources) {
    if (r.type === "kubernetes_manifest") {
      const o = manifestObject(r);
      if (o) out.push(o);
    } else if (r.type === "helm_release") {
      out.push(...helmValuesObjects(ctx, r));
    } else if (r.type.startsWith("kubernetes_")) {
      const o = providerModelObject(r);
      if (o) out.push(o);
    }
  }
  return out;
}
