import { containerImages, findingAt, helmReleases, imageRepository, isRecord, workloads } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";
import { COMPONENT_SUPPORT, COMPONENT_SUPPORT_AS_OF, type ComponentSupport, type EndOfLife } from "../data/component-support";

/** `major.minor.patch` of a version string (`v1.18.2`, `6.17.1`, `1.21`), or undefined when it is not one. */
function versionParts(version: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b`. */
function compareVersions(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether an announced end of life has been reached (`YYYY-MM` counts from the first of the month). */
function eolReached(eol: EndOfLife, now: number): boolean {
  const t = Date.parse(eol.date);
  return Number.isNaN(t) || t <= now;
}

function eolText(eol: EndOfLife): string {
  return `end of life since ${eol.date}${eol.note !== undefined ? ` (${eol.note})` : ""}`;
}

function componentOfChart(chart: string): ComponentSupport | undefined {
  return COMPONENT_SUPPORT.find((c) => c.charts.includes(chart));
}

function componentOfImage(image: string): ComponentSupport | undefined {
  const repo = imageRepository(image);
  return COMPONENT_SUPPORT.find((c) =>
    c.images.some((i) => (i.endsWith("/") ? repo.startsWith(i) : repo === i || repo.endsWith(`/${i}`))),
  );
}

/** What is wrong with one release of a known component (empty when nothing is), and how to fix it. */
function releaseProblems(comp: ComponentSupport, version: string | undefined, now: number): { problems: string[]; remediation: string } {
  const problems: string[] = [];
  const fixes: string[] = [];
  const v = version !== undefined ? versionParts(version) : undefined;
  if (comp.endOfLife !== undefined && eolReached(comp.endOfLife, now)) {
    problems.push(eolText(comp.endOfLife));
  }
  if (comp.chartDeprecated !== undefined && v !== undefined) {
    const since = versionParts(comp.chartDeprecated.since);
    if (since !== undefined && compareVersions(v, since) >= 0) {
      problems.push(`its chart is marked deprecated by its maintainers (Chart.yaml \`deprecated: true\` since ${comp.chartDeprecated.since})`);
    }
  }
  if (problems.length > 0) fixes.push(`Replace ${comp.name} with ${comp.replacement}.`);
  const lines = comp.supportedLines;
  if (lines !== undefined && v !== undefined) {
    const oldest = lines.lines.map(versionParts).filter((x): x is [number, number, number] => x !== undefined).sort(compareVersions)[0];
    if (oldest !== undefined && compareVersions([v[0], v[1], 0], [oldest[0], oldest[1], 0]) < 0) {
      const list = lines.lines.length > 1 ? `${lines.lines.slice(0, -1).join(", ")} and ${lines.lines[lines.lines.length - 1]}` : lines.lines[0];
      problems.push(`release line ${v[0]}.${v[1]} is out of support; supported lines are ${list} (${lines.policy}; as of ${COMPONENT_SUPPORT_AS_OF})`);
      fixes.push(`Upgrade ${comp.name} to a supported release line: ${comp.replacement}.`);
    }
  }
  return { problems, remediation: fixes.join(" ") };
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

/** RS-EOL-COMPONENT: no component past its end of life or outside its supported release lines. */
export const eolComponentRule: Rule = {
  id: "RS-EOL-COMPONENT",
  criterion: "security",
  // Recommended, not mandatory: an end-of-life component shows as a warning unless waived. A warning still
  // fails synth under `strict` (ReadyStack's default), so a production stack must waive it with a reason.
  level: "recommended",
  title:
    "No component is past its end of life or outside its supported release lines (facts from the component-support table: " +
    "Promtail, ingress-nginx, cert-manager's two newest minor lines; or anything marked //.readystack.endOfLife)",
  rationale:
    "An end-of-life or out-of-support component gets no security fixes: every CVE found after the date stays open in production for ever. " +
    "Promtail reached EOL on 2026-03-02 (replaced by Grafana Alloy) and its chart is marked deprecated; ingress-nginx was retired in " +
    "March 2026; cert-manager fixes only its two newest minor release lines.",
  remediation:
    "Replace Promtail with Grafana Alloy (LogAggregation shipper \"alloy\"), ingress-nginx with Traefik, upgrade cert-manager to a " +
    "supported release line, and replace any component marked end-of-life with its successor.",
  check(ctx: RuleContext): RuleOutcome {
    const now = Date.now();
    const findings = [];
    for (const rel of helmReleases(ctx)) {
      const comp = componentOfChart(rel.chart);
      if (comp === undefined) continue;
      const { problems, remediation } = releaseProblems(comp, rel.version, now);
      if (problems.length > 0) {
        findings.push(findingAt(rel.resource, `${rel.resource.address} installs chart ${rel.chart}${rel.version ? `@${rel.version}` : ""}, ${problems.join("; ")}.`, remediation));
      }
    }
    for (const use of containerImages(ctx)) {
      if (use.image === undefined) continue;
      const comp = componentOfImage(use.image);
      if (comp?.endOfLife !== undefined && eolReached(comp.endOfLife, now)) {
        findings.push(findingAt(use.workload.resource,
          `${use.workload.resource.address} ${use.container.label} runs image "${use.image}" (${comp.name}), ${eolText(comp.endOfLife)}.`,
          `Replace ${comp.name} with ${comp.replacement}.`));
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
