import { findingOn, ingresses, tlsCovers, type RuleFinding } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-INGRESS-TLS: every host an Ingress routes is covered by one of its TLS entries. */
export const ingressTlsRule: Rule = {
  id: "RS-INGRESS-TLS",
  criterion: "https-ingress",
  level: "recommended",
  title: "Every host an Ingress routes is covered by a TLS entry",
  rationale:
    "A host without a TLS entry is served over plain HTTP (or with the controller's self-signed default certificate): credentials " +
    "and session cookies cross the network in clear text.",
  remediation: "Add every rule host to spec.tls[].hosts with a secretName (cert-manager fills it when the ingress names an issuer).",
  check(ctx: RuleContext): RuleOutcome {
    const findings: RuleFinding[] = [];
    const evidence: string[] = [];
    const all = ingresses(ctx);
    if (all.length === 0) return { findings, evidence, applicable: false };
    for (const ing of all) {
      const problems: string[] = [];
      ing.ruleHosts.forEach((host, i) => {
        if (host === undefined) problems.push(`spec.rules[${i}] has no host, so no certificate can cover it`);
        else if (!ing.tlsHosts.some((t) => tlsCovers(t, host))) problems.push(`host "${host}" is not in any spec.tls[].hosts`);
      });
      if (ing.ruleHosts.length === 0) problems.push("it has no host rules (only a default backend), so no certificate can cover it");
      if (problems.length === 0) evidence.push(ing.at);
      else findings.push(findingOn(ing.model, `${ing.at}: ${problems.join("; ")} (spec.tls[].hosts = [${ing.tlsHosts.join(", ")}]).`));
    }
    return { findings, evidence };
  },
};
