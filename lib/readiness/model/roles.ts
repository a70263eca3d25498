/**
 * Roles, not guesses: which workloads are the API. readystack marks its API (ApiService records
 * `//.readystack.component = "api"` on the Deployment and labels it `app.kubernetes.io/component: api`); a user marks
 * their own through {@link RoleSelectors} (labels and/or names). An unmarked Deployment is never taken for the API.
 */
import type { RuleContext } from "../types";
import { memoized } from "./json";
import { workloads, type Workload } from "./workloads";
import { COMPONENTS } from "../../k8s/metadata";

/** How the user picks the workloads of one role. */
export interface RoleSelector {
  /**
   * Every one of these labels (on the workload object or its pods) marks a workload of the role.
   * @default no label selector
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Workload names (`name` or `namespace/name`) of the role.
   * @default no names
   */
  readonly names?: readonly string[];
}

/** Role selectors by role. */
export interface RoleSelectors {
  /**
   * The API workloads (RS-JSON-LOGS, RS-ENV-DOCUMENTED, RS-HPA-*, RS-MIGRATIONS-JOB apply to them).
   * @default readystack's marks only
   */
  readonly api?: RoleSelector;
}

/** The component readystack marks its API with. */
export const API_COMPONENT = COMPONENTS.api;

function matchesSelector(w: Workload, sel: RoleSelector | undefined): boolean {
  if (!sel) return false;
  if (sel.names !== undefined && w.name !== undefined) {
    if (sel.names.includes(w.name) || sel.names.includes(`${w.namespace}/${w.name}`)) return true;
  }
  const labels = sel.labels;
  if (labels !== undefined && Object.keys(labels).length > 0) {
    const all = Object.entries(labels);
    if (all.every(([k, v]) => w.labels[k] === v) || all.every(([k, v]) => w.podLabels[k] === v)) return true;
  }
  return false;
}

/** Whether a workload is an API: marked component "api" (by readystack or the label), or selected by `roles.api`. */
export function isApiWorkload(w: Workload, roles?: RoleSelectors): boolean {
  if (w.kind !== "Deployment" && w.kind !== "StatefulSet" && w.kind !== "ReplicaSet" && w.kind !== "ReplicationController") return false;
  return w.component === API_COMPONENT || matchesSelector(w, roles?.api);
}

/** The API workloads of the stack (see {@link isApiWorkload}), in document order. */
export function apiWorkloads(ctx: RuleContext): readonly Workload[] {
  return memoized(ctx, "apiWorkloads", () => workloads(ctx).filter((w) => isApiWorkload(w, ctx.roles)));
}
