import { first, isRecord } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** An exact provider version constraint: `2.38.0` or `= 2.38.0`. */
const EXACT = /^=?\s*v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** RS-PROVIDERS-PINNED: every required provider has an exact version. */
export const providersPinnedRule: Rule = {
  id: "RS-PROVIDERS-PINNED",
  criterion: "terraform-configured",
  level: "recommended",
  title: "Every required provider is pinned to an exact version",
  rationale:
    "A range (>=, ~>) lets `terraform init` pick a newer provider than the one the stack was tested with; provider upgrades change " +
    "defaults and schemas, so the same code plans differently on another machine.",
  remediation: "Set an exact version (e.g. \"2.38.0\") for every entry of terraform.required_providers, and commit .terraform.lock.hcl.",
  check(ctx: RuleContext): RuleOutcome {
    const tf = first(ctx.json.terraform);
    const required = first(tf?.required_providers);
    if (!required || Object.keys(required).length === 0) {
      if (ctx.resources.length === 0) return { findings: [], evidence: [] };
      return { findings: [{ message: "terraform.required_providers is missing: provider versions are not pinned at all." }], evidence: [] };
    }
    const findings = [];
    const evidence: string[] = [];
    for (const [name, spec] of Object.entries(required)) {
      const version = typeof spec === "string" ? spec : isRecord(spec) && typeof spec.version === "string" ? spec.version : undefined;
      if (version !== undefined && EXACT.test(version.trim())) {
        evidence.push(`terraform.required_providers.${name}@${version.trim()}`);
      } else {
        findings.push({
          message: `terraform.required_providers.${name} has version ${version === undefined ? "unset" : `"${version}"`}, not an exact version.`,
          remediation: `Pin provider ${name} to an exact version (e.g. "= 1.2.3").`,
        });
      }
    }
    return { findings, evidence };
  },
};
