/** HorizontalPodAutoscalers (autoscaling v1, v2, v2beta2) and PodDisruptionBudgets read out. */
import type { RuleContext } from "../types";
import { objectLabel } from "./findings";
import { first, memoized, scalarString, staticString } from "./json";
import { namespaceOfObject } from "./metadata";
import type { ModelObject } from "./object";
import { objectAtAddress, readSelector, type LabelSelector } from "./services";
import { workloadByName, workloadOf, type Workload } from "./workloads";

/** An HPA read out. */
export interface HpaView {
  /** The model object. */
  readonly model: ModelObject;
  /** How messages name it. */
  readonly at: string;
  /** Namespace. */
  readonly namespace: string;
  /** spec.minReplicas (Kubernetes default 1). */
  readonly minReplicas: number;
  /** spec.maxReplicas, when statically known. */
  readonly maxReplicas?: number;
  /** spec.scaleTargetRef.kind (default Deployment). */
  readonly targetKind: string;
  /** spec.scaleTargetRef.name as written. */
  readonly targetName: unknown;
  /** The workload it scales, when it is in the model. */
  readonly target?: Workload;
}

/** Every HPA with its target resolved (reference first, then namespace/kind/name). */
export function hpas(ctx: RuleContext): readonly HpaView[] {
  return memoized(ctx, "hpas", () =>
    ctx.objectsOfKind("HorizontalPodAutoscaler").map((o) => {
      const spec = first(o.object.spec) ?? {};
      const ref = first(spec.scaleTargetRef) ?? {};
      const namespace = namespaceOfObject(ctx, o);
      const targetKind = staticString(ctx, ref.kind) ?? "Deployment";
      const resolved = ctx.resolve(ref.name);
      const byRef = resolved ? objectAtAddress(ctx, resolved.resource.address) : undefined;
      let target = byRef ? workloadOf(ctx, byRef) : undefined;
      if (!target) {
        const name = staticString(ctx, ref.name);
        if (name !== undefined) target = workloadByName(ctx, namespace, targetKind, name);
      }
      const min = spec.minReplicas === undefined ? 1 : Number(staticString(ctx, spec.minReplicas));
      const max = Number(staticString(ctx, spec.maxReplicas));
      return {
        model: o,
        at: objectLabel(o),
        namespace,
        minReplicas: min,
        ...(Number.isFinite(max) ? { maxReplicas: max } : {}),
        targetKind,
        targetName: ref.name,
        ...(target ? { target } : {}),
      };
    }),
  );
}

/** A PodDisruptionBudget read out. */
export interface PdbView {
  /** The model object. */
  readonly model: ModelObject;
  /** How messages name it. */
  readonly at: string;
  /** Namespace. */
  readonly namespace: string;
  /** spec.selector. */
  readonly selector: LabelSelector;
  /** spec.minAvailable as a string. */
  readonly minAvailable?: string;
  /** spec.maxUnavailable as a string. */
  readonly maxUnavailable?: string;
}

/** Every PodDisruptionBudget. */
export function pdbs(ctx: RuleContext): readonly PdbView[] {
  return memoized(ctx, "pdbs", () =>
    ctx.objectsOfKind("PodDisruptionBudget").map((o) => {
      const spec = first(o.object.spec) ?? {};
      const minAvailable = scalarString(ctx.staticValue(spec.minAvailable));
      const maxUnavailable = scalarString(ctx.staticValue(spec.maxUnavailable));
      return {
        model: o,
        at: objectLabel(o),
        namespace: namespaceOfObject(ctx, o),
        selector: readSelector(ctx, spec.selector),
        ...(minAvailable !== undefined ? { minAvailable } : {}),
        ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
      };
    }),
  );
}
