import { findingAt } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** Remediation for a chart version that does not exist. */
const VERSION_FIX =
  "Pin a chart version the repository publishes (helm search repo <chart> --versions), and keep its values in step with that version.";
/** Remediation for values or templates Helm refuses. */
const VALUES_FIX =
  "Change the release's values to what this chart version accepts: Helm's message names the key (see the chart's values.yaml and values.schema.json).";

/** RS-CHART-RENDERS: every helm_release renders with the real Helm at its pinned version and exact values. */
export const chartRendersRule: Rule = {
  id: "RS-CHART-RENDERS",
  criterion: "startup",
  packs: ["readystack", "kubernetes"],
  level: "mandatory",
  title: "Every Helm release renders with its pinned chart version and values",
  rationale:
    "A chart version that was never published, a value the chart's values.schema.json rejects or a template error " +
    "fails `terraform apply` half-way through the stack; rendering with the real Helm at synth time finds it first.",
  remediation: VALUES_FIX,
  check(ctx: RuleContext): RuleOutcome {
    const rendering = ctx.rendering;
    if (rendering === undefined || !rendering.requested) return { findings: [], evidence: [] };
    const findings: RuleOutcome["findings"][number][] = [];
    const evidence: string[] = [];
    for (const rel of rendering.releases) {
      if (rel.status === "rendered") {
        evidence.push(rel.address);
        continue;
      }
      if (rel.status !== "failed") continue;
      const resource = ctx.get(rel.address);
      const reason = rel.reason ?? "Helm refused it";
      const notFound = /not found/i.test(reason) && /version/i.test(reason) && !/^helm template/.test(reason);
      const message = notFound
        ? `${rel.address}: chart version not found: ${reason}`
        : `${rel.address}: chart ${rel.chart}${rel.version !== undefined ? ` ${rel.version}` : ""} does not render: ${reason.replace(/^helm template of chart \S+( \S+)? failed: /, "")}`;
      const fix = notFound ? VERSION_FIX : VALUES_FIX;
      findings.push(resource ? findingAt(resource, message, fix) : { address: rel.address, message, remediation: fix });
    }
    return { findings, evidence };
  },
};
