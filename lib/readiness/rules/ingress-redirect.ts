import { asList, findingOn, helmReleases, ingresses, isRecord, valueAt, type HelmRelease, type IngressView, type RuleFinding } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** Whether a Traefik release redirects its `web` entrypoint to HTTPS (chart ≥ 39, 34–38, older charts, or CLI args). */
function traefikRedirects(rel: HelmRelease): boolean {
  for (const path of [["ports", "web", "http", "redirections", "entryPoint", "to"], ["ports", "web", "redirections", "entryPoint", "to"]]) {
    const to = valueAt(rel.values, ...path);
    if (typeof to === "string" && to !== "") return true;
  }
  const old = valueAt(rel.values, "ports", "web", "redirectTo");
  if ((typeof old === "string" && old !== "") || (isRecord(old) && old.port !== undefined)) return true;
  return asList(valueAt(rel.values, "additionalArguments")).some(
    (a) => typeof a === "string" && /entrypoints\.web\.http\.redirections\.(entrypoint\.)?to=/i.test(a),
  );
}

/** The ingress class a Traefik release serves (values ingressClass.name, default "traefik"). */
function traefikClass(rel: HelmRelease): string {
  const n = valueAt(rel.values, "ingressClass", "name");
  return typeof n === "string" && n !== "" ? n : "traefik";
}

/** How an ingress gets HTTP→HTTPS redirection, or undefined when it does not. */
function redirectOf(ing: IngressView, traefikClasses: Map<string, string>): string | undefined {
  const rs = ing.model.objectRef === undefined ? ing.model.resource.readystack.redirect : undefined;
  if (rs === true || (typeof rs === "string" && rs !== "" && rs !== "false")) return "//.readystack.redirect";
  const a = ing.annotations;
  const mw = a["traefik.ingress.kubernetes.io/router.middlewares"];
  if (mw !== undefined && /redirect/i.test(mw)) return `traefik middleware ${mw}`;
  for (const key of ["nginx.ingress.kubernetes.io/force-ssl-redirect", "nginx.ingress.kubernetes.io/ssl-redirect"]) {
    if (a[key] === "true") return `${key}: "true"`;
  }
  // ingress-nginx redirects to HTTPS by default when the ingress has TLS, unless ssl-redirect is "false".
  if (ing.className === "nginx" && ing.tlsHosts.length > 0 && a["nginx.ingress.kubernetes.io/ssl-redirect"] !== "false") {
    return "ingress-nginx default ssl-redirect with TLS";
  }
  const byClass = ing.className !== undefined ? traefikClasses.get(ing.className) : traefikClasses.size === 1 ? [...traefikClasses.values()][0] : undefined;
  if (byClass !== undefined) return `${byClass} web entrypoint redirection`;
  return undefined;
}

/** RS-INGRESS-REDIRECT: plain HTTP is redirected to HTTPS. */
export const ingressRedirectRule: Rule = {
  id: "RS-INGRESS-REDIRECT",
  criterion: "https-ingress",
  level: "recommended",
  title: "HTTP requests to an Ingress are redirected to HTTPS",
  rationale:
    "Without a redirect, users who type the bare host name (or follow an old http:// link) stay on plain HTTP and send cookies and " +
    "credentials unencrypted; browsers also do not learn HSTS.",
  remediation:
    "Redirect the Traefik web entrypoint (values ports.web.http.redirections.entryPoint.to=websecure, scheme https; " +
    "ports.web.redirections on charts before 39), attach a redirect " +
    "middleware (traefik.ingress.kubernetes.io/router.middlewares), or record `//.readystack.redirect` when redirection is configured elsewhere.",
  check(ctx: RuleContext): RuleOutcome {
    const traefikClasses = new Map<string, string>();
    for (const rel of helmReleases(ctx)) {
      if (rel.chart === "traefik" && traefikRedirects(rel)) traefikClasses.set(traefikClass(rel), rel.resource.address);
    }
    const findings: RuleFinding[] = [];
    const evidence: string[] = [];
    const all = ingresses(ctx);
    if (all.length === 0) return { findings, evidence, applicable: false };
    for (const ing of all) {
      const how = redirectOf(ing, traefikClasses);
      if (how !== undefined) {
        evidence.push(ing.at);
        continue;
      }
      findings.push(findingOn(ing.model,
        `${ing.at} (ingress class ${ing.className === undefined ? "unset" : `"${ing.className}"`}) has no HTTP→HTTPS redirect: ` +
          "no redirect middleware/annotation and no controller release that redirects its web entrypoint."));
    }
    return { findings, evidence: [...evidence, ...new Set(traefikClasses.values())] };
  },
};
