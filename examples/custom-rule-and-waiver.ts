// A rule of your own team, run by the readiness engine beside the built-in ones, and a waiver
// with its reason, where a reader of the stack sees it. test/examples/custom-rule-and-waiver.test.ts
// synthesizes it.
import { App } from "cdktf";
import { Construct } from "constructs";
import { ReadyStack, Readiness, Rule, ruleHelpers } from "../lib";
import { referenceProps } from "../stacks/reference";

/** Team policy: no container may ask for a CPU limit above 2 cores without a waiver. */
export const cpuLimitCapRule: Rule = {
  id: "ACME-CPU-LIMIT-CAP",
  criterion: "startup",
  level: "recommended",
  title: "No container has a CPU limit above 2 cores",
  rationale: "Our nodes have 4 cores; a pod that may take more than half of one starves its neighbours.",
  remediation: "Lower resources.limits.cpu to 2 or less, or waive the rule on the resource with the reason.",
  check(ctx) {
    const findings = [];
    const evidence: string[] = [];
    for (const workload of ruleHelpers.workloads(ctx)) {
      let ok = true;
      for (const container of ruleHelpers.allContainers(workload)) {
        const limits = (container.body.resources as { limits?: { cpu?: string } } | undefined)?.limits;
        const cores = limits?.cpu === undefined ? undefined : ruleHelpers.parseQuantity(limits.cpu);
        if (cores !== undefined && cores > 2) {
          ok = false;
          findings.push(
            ruleHelpers.findingAt(workload.resource, `${workload.resource.address}: ${container.label} has a CPU limit of ${limits!.cpu} (more than 2 cores).`),
          );
        }
      }
      if (ok) evidence.push(workload.resource.address);
    }
    return { findings, evidence };
  },
};

/** The reference stack with a bigger Postgres, the team rule, and the waiver that allows the exception. */
export function buildStackWithCustomRule(scope: Construct): ReadyStack {
  const props = referenceProps();
  const stack = new ReadyStack(scope, "offgridflow", {
    ...props,
    postgres: { resources: { cpuRequest: "1", cpuLimit: "4", memoryRequest: "2Gi", memoryLimit: "4Gi" } },
    readiness: { extraRules: [cpuLimitCapRule] },
  });
  Readiness.waive(stack.postgres.statefulSet, "ACME-CPU-LIMIT-CAP", "Nightly batch imports need 4 cores for about 40 minutes");
  Readiness.waive(stack.logging.shipperRelease, "RS-EOL-COMPONENT", "Promtail is EOL since 2026-03-02; the Alloy migration is planned");
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildStackWithCustomRule(app);
  app.synth();
}
