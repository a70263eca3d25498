import { findingOn, ingresses, namespaceOfObject, nameOfObject, objectLabel, staticString, type RuleFinding } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

const CLUSTER_ISSUER = "cert-manager.io/cluster-issuer";
const ISSUER = "cert-manager.io/issuer";

/** RS-INGRESS-ISSUER: the cert-manager issuer an Ingress names exists in the stack. */
export const ingressIssuerRule: Rule = {
  id: "RS-INGRESS-ISSUER",
  criterion: "https-ingress",
  level: "recommended",
  title: "The cert-manager issuer an Ingress names is defined in the stack",
  rationale:
    "cert-manager silently does nothing for an Ingress whose issuer does not exist: the TLS secret is never created and the " +
    "controller serves its self-signed default certificate.",
  remediation:
    "Define the ClusterIssuer (or Issuer, in the Ingress's namespace) with that metadata.name, as an entry of a helm_release's " +
    "`objects` values (readystack's readystack-manifests chart, applied after cert-manager; HttpsIngress does this) or as a " +
    "kubernetes_manifest, or fix the cert-manager.io/cluster-issuer / cert-manager.io/issuer annotation.",
  check(ctx: RuleContext): RuleOutcome {
    const clusterIssuers = new Map<string, string>();
    const issuers = new Map<string, string>();
    for (const o of ctx.objectsOfKind("ClusterIssuer")) {
      const name = nameOfObject(ctx, o);
      if (name !== undefined) clusterIssuers.set(name, objectLabel(o));
    }
    for (const o of ctx.objectsOfKind("Issuer")) {
      const name = nameOfObject(ctx, o);
      if (name !== undefined) issuers.set(`${namespaceOfObject(ctx, o)}/${name}`, objectLabel(o));
    }
    const findings: RuleFinding[] = [];
    const evidence: string[] = [];
    const all = ingresses(ctx);
    if (all.length === 0) return { findings, evidence, applicable: false };
    for (const ing of all) {
      for (const [annotation, cluster] of [[CLUSTER_ISSUER, true], [ISSUER, false]] as const) {
        const raw = ing.annotations[annotation];
        if (raw === undefined) continue;
        const name = staticString(ctx, raw) ?? raw;
        const found = cluster ? clusterIssuers.get(name) : issuers.get(`${ing.namespace}/${name}`);
        if (found) {
          evidence.push(ing.at, found);
        } else {
          findings.push(findingOn(ing.model,
            `${ing.at} annotation ${annotation} = "${name}" names no ${cluster ? "ClusterIssuer" : `Issuer in namespace ${ing.namespace}`} defined in the stack.`,
            `Define a ${cluster ? "ClusterIssuer" : `Issuer (namespace ${ing.namespace})`} named "${name}" (an \`objects\` entry of a helm_release that depends on cert-manager, or a kubernetes_manifest) or correct the annotation.`));
        }
      }
    }
    return { findings, evidence: [...new Set(evidence)] };
  },
};
