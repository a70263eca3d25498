import { findingOn, findNamed, ingresses, objectLabel, serviceOf, staticString, type RuleFinding } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** RS-INGRESS-BACKEND: every ingress backend is a Service of the stack, on a port that Service has. */
export const ingressBackendRule: Rule = {
  id: "RS-INGRESS-BACKEND",
  criterion: "https-ingress",
  level: "recommended",
  title: "Every Ingress backend is a Service of the stack, on a port that Service exposes",
  rationale:
    "A backend pointing at a missing Service or port applies cleanly and then answers every request with 503; the mistake only " +
    "shows in production traffic.",
  remediation:
    "Reference the Service by its resource (`service.metadata.name`) and use one of its spec.ports entries, by number or by name.",
  check(ctx: RuleContext): RuleOutcome {
    const findings: RuleFinding[] = [];
    const evidence: string[] = [];
    const all = ingresses(ctx);
    if (all.length === 0) return { findings, evidence, applicable: false };
    for (const ing of all) {
      let ok = ing.backends.length > 0;
      for (const b of ing.backends) {
        const shownName = staticString(ctx, b.serviceName) ?? String(b.serviceName);
        const svcObject = findNamed(ctx, "Service", ing.namespace, b.serviceName);
        const svc = svcObject ? serviceOf(ctx, svcObject) : undefined;
        if (!svc) {
          ok = false;
          findings.push(findingOn(ing.model,
            `${ing.at} ${b.where} backend service "${shownName}" is not a Service of the stack in namespace ${ing.namespace}.`,
            `Point ${b.where} at a Service of the stack (reference its metadata.name).`));
          continue;
        }
        const portOk =
          b.portNumber !== undefined
            ? svc.ports.some((p) => p.port === b.portNumber)
            : b.portName !== undefined
              ? svc.ports.some((p) => p.name === b.portName)
              : false;
        if (!portOk) {
          ok = false;
          const wanted = b.portNumber !== undefined ? `port ${b.portNumber}` : b.portName !== undefined ? `port "${b.portName}"` : "no port";
          const has = svc.ports.map((p) => `${p.port ?? "?"}${p.name !== undefined ? `/${p.name}` : ""}`).join(", ");
          findings.push(findingOn(ing.model,
            `${ing.at} ${b.where} backend uses ${wanted} of ${objectLabel(svc.model)}, which exposes [${has}].`,
            `Use one of the ports of ${objectLabel(svc.model)} by number or name.`));
        }
        if (ok) evidence.push(objectLabel(svc.model));
      }
      if (ok) evidence.push(ing.at);
    }
    return { findings, evidence: [...new Set(evidence)] };
  },
};
