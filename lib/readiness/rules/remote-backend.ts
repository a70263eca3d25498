import { first, isRecord } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-REMOTE-BACKEND: Terraform state lives in a remote backend, not on a laptop. */
export const remoteBackendRule: Rule = {
  id: "RS-REMOTE-BACKEND",
  criterion: "terraform-configured",
  level: "recommended",
  title: "Terraform state is kept in a remote backend (not local)",
  rationale:
    "Local state lives on one machine: it is lost with the laptop, cannot be shared by CI and teammates, and has no locking, " +
    "so two applies can corrupt it. The state also holds generated passwords and belongs in encrypted, access-controlled storage.",
  remediation:
    "Configure a remote backend on the stack (e.g. new S3Backend(stack, {...}), GcsBackend, AzurermBackend, or HTTP/PG backends) " +
    "so cdktf writes terraform.backend.<type>.",
  check(ctx: RuleContext): RuleOutcome {
    const tf = first(ctx.json.terraform);
    const backend = first(tf?.backend);
    if (tf && isRecord(tf.cloud)) return { findings: [], evidence: ["terraform.cloud"] };
    const types = Object.keys(backend ?? {});
    if (types.length === 0) {
      return { findings: [{ message: "terraform.backend is not configured: Terraform state stays in a local terraform.tfstate file." }], evidence: [] };
    }
    const local = types.filter((t) => t === "local");
    if (local.length > 0) {
      return { findings: [{ message: `terraform.backend is "local": Terraform state stays in a file on the machine that runs apply.` }], evidence: [] };
    }
    return { findings: [], evidence: types.map((t) => `terraform.backend.${t}`) };
  },
};
