import { containerImages, findingAt, helmReleases, imageRepository, isRecord, workloads } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** Known end-of-life components: what they are, since when, and what replaces them. */
const EOL_CHARTS: Record<string, { since: string; replacement: string }> = {
  promtail: { since: "2026-03-02", replacement: "Grafana Alloy (chart alloy)" },
  "ingress-nginx": { since: "2026-03 (retired)", replacement: "Traefik or another maintained Gateway/Ingress controller" },
};

function eolImage(image: string): { what: string; since: string; replacement: string } | undefined {
  const repo = imageRepository(image);
  if (repo === "grafana/promtail" || repo.endsWith("/grafana/promtail")) return { what: "Promtail", ...EOL_CHARTS.promtail };
  if (repo.startsWith("registry.k8s.io/ingress-nginx/") || repo.startsWith("k8s.gcr.io/ingress-nginx/")) {
    return { what: "ingress-nginx", ...EOL_CHARTS["ingress-nginx"] };
  }
  return undefined;
}

/** A `//.readystack.endOfLife` record, normalised; undefined when it says the component is still supported. */
function declaredEol(value: unknown, now: number): { since: string; replacement?: string } | undefined {
  if (value === undefined || value === false || value === null) return undefined;
  if (value === true) return { since: "declared" };
  if (typeof value === "string") {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return t <= now ? { since: value } : undefined;
    return { since: value };
  }
  if (isRecord(value)) {
    const date = typeof value.date === "string" ? value.date : typeof value.since === "string" ? value.since : undefined;
    const replacement = typeof value.replacement === "string" ? value.replacement : undefined;
    const t = date !== undefined ? Date.parse(date) : NaN;
    if (date !== undefined && !Number.isNaN(t) && t > now) return undefined;
    return replacement !== undefined ? { since: date ?? "declared", replacement } : { since: date ?? "declared" };
  }
  return undefined;
}

/** RS-EOL-COMPONENT: no component past its end of life. */
export const eolComponentRule: Rule = {
  id: "RS-EOL-COMPONENT",
  criterion: "security",
  // Recommended, not mandatory: issue 3 asks that Promtail's EOL show as a warning unless waived. A warning
  // still fails synth under `strict` (ReadyStack's default), so a production stack must waive it with a reason.
  level: "recommended",
  title: "No component is past its end of life (Promtail, ingress-nginx, or anything marked //.readystack.endOfLife: true, a date, or { since|date, replacement })",
  rationale:
    "An end-of-life component gets no security fixes: every CVE found after the date stays open in production for ever. " +
    "Promtail reached EOL on 2026-03-02 (replaced by Grafana Alloy); ingress-nginx was retired in March 2026.",
  remediation:
    "Replace Promtail with Grafana Alloy (LogAggregation shipper \"alloy\"), ingress-nginx with Traefik, and any component marked end-of-life with its successor.",
  check(ctx: RuleContext): RuleOutcome {
    const now = Date.now();
    const findings = [];
    for (const rel of helmReleases(ctx)) {
      const eol = EOL_CHARTS[rel.chart];
      if (eol) {
        findings.push(findingAt(rel.resource, `${rel.resource.address} installs chart ${rel.chart}${rel.version ? `@${rel.version}` : ""}, end of life since ${eol.since}.`,
          `Replace ${rel.chart} with ${eol.replacement}.`));
      }
    }
    for (const use of containerImages(ctx)) {
      if (use.image === undefined) continue;
      const eol = eolImage(use.image);
      if (eol) {
        findings.push(findingAt(use.workload.resource,
          `${use.workload.resource.address} ${use.container.label} runs image "${use.image}" (${eol.what}), end of life since ${eol.since}.`,
          `Replace ${eol.what} with ${eol.replacement}.`));
      }
    }
    const reported = new Set(findings.map((f) => f.address));
    for (const r of ctx.resources) {
      const eol = declaredEol(r.readystack.endOfLife, now);
      if (eol && !reported.has(r.address)) {
        findings.push(findingAt(r, `${r.address} is marked end of life (//.readystack.endOfLife: ${eol.since}).`,
          eol.replacement !== undefined ? `Replace it with ${eol.replacement}.` : undefined));
      }
    }
    const bad = new Set(findings.map((f) => f.address));
    const evidence = [...helmReleases(ctx).map((r) => r.resource.address), ...workloads(ctx).map((w) => w.resource.address)].filter((a) => !bad.has(a));
    return { findings, evidence };
  },
};
