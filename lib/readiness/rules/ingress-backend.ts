import { findingAt, findNamed, ingresses, serviceOf, SERVICE_TYPES, staticString } from "../k8s-model";
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
    "Reference the Service by its resource (`service.metadata.name`) and use one of its spec.port entries, by number or by name.",
  check(ctx: RuleContext): RuleOutcome {
    const findings = [];
    const evidence: string[] = [];
    for (const ing of ingresses(ctx)) {
      let ok = ing.backends.length > 0;
      for (const b of ing.backends) {
        const shownName = staticString(ctx, b.serviceName) ?? String(b.serviceName);
        const svcResource = findNamed(ctx, SERVICE_TYPES, ing.namespace, b.serviceName);
        const svc = svcResource ? serviceOf(ctx, svcResource) : undefined;
        if (!svc) {
          ok = false;
          findings.push(findingAt(ing.resource,
            `${ing.resource.address} ${b.where} backend service "${shownName}" is not a Service of the stack in namespace ${ing.namespace}.`,
            `Point ${b.where} at a kubernetes_service_v1 of the stack (reference its metadata.name).`));
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
          findings.push(findingAt(ing.resource,
            `${ing.resource.address} ${b.where} backend uses ${wanted} of ${svc.resource.address}, which exposes [${has}].`,
            `Use one of the ports of ${svc.resource.address} by number or name.`));
        }
        if (ok) evidence.push(svc.resource.address);
      }
      if (ok) evidence.push(ing.resource.address);
    }
    return { findings, evidence: [...new Set(evidence)] };
  },
};
