/** Per-container checks shared by the security rules. */
import type { ResourceView, RuleContext } from "../types";
import { findingOn, type RuleFinding } from "./findings";
import { first, isTrue } from "./json";
import { allContainers, workloads, type ContainerView, type Workload } from "./workloads";

/** The outcome of a check over every container. */
export interface ContainerCheckOutcome {
  /** Findings. */
  readonly findings: RuleFinding[];
  /** Workloads whose containers all pass. */
  readonly evidence: string[];
  /** False when the stack has no workload. */
  readonly applicable: boolean;
}

/**
 * Run a check over every container (init containers included) of every workload. `problemOf` returns
 * the problem text (naming the bad value) or undefined. Evidence: workloads whose containers all pass.
 */
export function checkEveryContainer(
  ctx: RuleContext,
  problemOf: (w: Workload, c: ContainerView) => string | undefined,
  remediationOf: (w: Workload, c: ContainerView) => string,
): ContainerCheckOutcome {
  const findings: RuleFinding[] = [];
  const evidence: string[] = [];
  const all = workloads(ctx);
  for (const w of all) {
    let ok = true;
    for (const c of allContainers(w)) {
      const problem = problemOf(w, c);
      if (problem === undefined) continue;
      ok = false;
      findings.push(findingOn(w.model, `${w.at} ${c.label}: ${problem}.`, remediationOf(w, c)));
    }
    if (ok) evidence.push(w.at);
  }
  return { findings, evidence, applicable: all.length > 0 };
}

/** Whether a Terraform resource's `lifecycle.prevent_destroy` is true (a Terraform setting, not part of the object). */
export function preventsDestroy(resource: Pick<ResourceView, "body">): boolean {
  return isTrue(first(resource.body.lifecycle)?.prevent_destroy);
}
