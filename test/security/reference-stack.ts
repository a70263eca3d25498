/** The reference stack's synthesized Terraform JSON, built once per test file in a fresh App. */
import { tmpdir } from "os";
import { join } from "path";
import { App } from "cdktf";
import { ReadyStack } from "../../lib/ready-stack";
import { buildReferenceStack } from "../../stacks/reference";
import { withoutStackTraces } from "../fuzz/support";

/** A Terraform resource body (snake_case JSON). */
export type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The synthesized JSON: `resource.<type>.<name>`. */
export interface TerraformJson {
  readonly resource: Record<string, Record<string, Body>>;
  readonly output?: Record<string, Body>;
  readonly [key: string]: unknown;
}

let cached: { stack: ReadyStack; tf: TerraformJson } | undefined;

/** Build the reference stack (once) and return it with its `toTerraform()` JSON (a deep copy). */
export function referenceStack(): { stack: ReadyStack; tf: TerraformJson } {
  if (!cached) {
    cached = withoutStackTraces(() => {
      const app = new App({ outdir: join(tmpdir(), "readystack-security-unused"), skipValidation: true });
      const stack = buildReferenceStack(app);
      return { stack, tf: JSON.parse(JSON.stringify(stack.toTerraform())) as TerraformJson };
    });
  }
  return cached;
}

/** Workload kinds whose pod templates the checks cover. */
export const WORKLOAD_TYPES = ["kubernetes_deployment_v1", "kubernetes_stateful_set_v1", "kubernetes_job_v1", "kubernetes_cron_job_v1", "kubernetes_daemon_set_v1", "kubernetes_pod_v1"] as const;

/** One pod template of a workload, with its address. */
export interface PodTemplate {
  readonly address: string;
  readonly labels: Record<string, string>;
  readonly spec: Body;
}

/** Every pod template of the JSON (CronJob → jobTemplate → template; Pod → its own spec). */
export function podTemplates(tf: TerraformJson): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const type of WORKLOAD_TYPES) {
    for (const [name, body] of Object.entries(tf.resource[type] ?? {})) {
      const address = `${type}.${name}`;
      if (type === "kubernetes_pod_v1") {
        out.push({ address, labels: body.metadata?.labels ?? {}, spec: body.spec });
        continue;
      }
      const spec = type === "kubernetes_cron_job_v1" ? body.spec.job_template.spec : body.spec;
      out.push({ address, labels: spec.template.metadata?.labels ?? {}, spec: spec.template.spec });
    }
  }
  return out;
}
