import { findingAt, ingresses, tlsCovers } from "../k8s-model";
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
  remediation: "Add every rule host to spec.tls[].hosts with a secret_name (cert-manager fills it when the ingress names an issuer).",
  check(ctx: RuleContext): RuleOutcome {
    const findings = [];
    const evidence: string[] = [];
    for (const ing of ingresses(ctx)) {
      const problems: string[] = [];
      ing.ruleHosts.forEach((host, i) => {
        if (host === undefined) problems.push(`rule[${i}] has no host, so no certificate can cover it`);
        else if (!ing.tlsHosts.some((t) => tlsCovers(t, host))) problems.push(`host "${host}" is not in any tls.hosts`);
      });
      if (ing.ruleHosts.length === 0) problems.push("it has no host rules (only a default backend), so no certificate can cover it");
      if (problems.length === 0) evidence.push(ing.resource.address);
      else findings.push(findingAt(ing.resource, `${ing.resource.address}: ${problems.join("; ")} (tls.hosts = [${ing.tlsHosts.join(", ")}]).`));
    }
    return { findings, evidence };
  },
};
