/**
 * Coverage: what the rules could read, and each resource they could not, named one by one with the reason
 * (module calls, resource types nothing reads, helm values that do not resolve, charts that did not render).
 */
import { helmReleaseAt } from "./model/helm";
import { isRecord } from "./model/json";
import { PROVIDER_KINDS } from "./model/from-provider";
import type { CoverageReport } from "./result";
import type { NotAnalysedItem, RuleContext, TerraformJson } from "./types";

/** Resource types the normalizers read into Kubernetes objects, plus the ones the Terraform-level rules read. */
export const ANALYSED_TYPES: ReadonlySet<string> = new Set<string>([...PROVIDER_KINDS.keys(), "kubernetes_manifest", "helm_release"]);

/** Providers whose resources are in scope: their unknown types are named one by one. */
const IN_SCOPE = /^(kubernetes|helm|random)_/;

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** An expression for a one-line message: whitespace collapsed, cut at 80 characters. */
function shortExpression(expression: string): string {
  const one = expression.replace(/\s+/g, " ").trim();
  return one.length > 80 ? `${one.slice(0, 79)}…` : one;
}

/** The coverage of one check. */
export function buildCoverage(json: TerraformJson, ctx: RuleContext): CoverageReport {
  const notAnalysed: NotAnalysedItem[] = [];
  const resourcesByType: Record<string, number> = {};
  const otherProviders: Record<string, number> = {};
  const objectsByKind: Record<string, number> = {};
  const withObjects = new Set<string>();
  for (const o of ctx.objects) {
    withObjects.add(o.address);
    increment(objectsByKind, o.object.kind);
  }

  if (isRecord(json.module)) {
    for (const [name, call] of Object.entries(json.module)) {
      const source = isRecord(call) && typeof call.source === "string" ? ` (source ${call.source})` : "";
      notAnalysed.push({ address: `module.${name}`, reason: `module calls are not followed${source}` });
    }
  }

  let analysedKubernetes = 0;
  for (const r of ctx.resources) {
    if (!IN_SCOPE.test(r.type)) {
      increment(otherProviders, r.type.split("_")[0]);
      continue;
    }
    if (r.type.startsWith("random_") || ANALYSED_TYPES.has(r.type) || withObjects.has(r.address)) {
      increment(resourcesByType, r.type);
      if (!r.type.startsWith("random_")) analysedKubernetes++;
    } else {
      notAnalysed.push({ address: r.address, reason: `no rule or normalizer reads ${r.type} resources` });
    }
    if (r.type === "helm_release") {
      // helm.ts decides which values entries resolve; coverage names the ones it could not read.
      for (const u of helmReleaseAt(ctx, r.address)?.unresolvedValues ?? []) {
        notAnalysed.push({
          address: r.address,
          reason: `values[${u.index}] ${shortExpression(u.expression)} does not resolve (${u.reason}); the objects and settings it holds are not analysed`,
        });
      }
    }
  }

  for (const release of ctx.rendering?.releases ?? []) {
    if (!ctx.rendering?.requested || release.status === "rendered") continue;
    notAnalysed.push({
      address: release.address,
      reason: `chart ${release.chart}${release.version !== undefined ? ` ${release.version}` : ""} was not rendered${release.reason !== undefined ? `: ${release.reason}` : ""}`,
    });
  }

  const seen = new Set(notAnalysed.map((n) => `${n.address}\u0000${n.objectRef ?? ""}\u0000${n.reason}`));
  for (const item of ctx.notAnalysed ?? []) {
    const key = `${item.address}\u0000${item.objectRef ?? ""}\u0000${item.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    notAnalysed.push(item.objectRef !== undefined ? { address: item.address, objectRef: item.objectRef, reason: item.reason } : { address: item.address, reason: item.reason });
  }

  const resources = Object.values(resourcesByType).reduce((a, b) => a + b, 0);
  return {
    resources,
    resourcesByType: sorted(resourcesByType),
    objects: ctx.objects.length,
    objectsByKind: sorted(objectsByKind),
    notAnalysed,
    otherProviders: sorted(otherProviders),
    nothingAnalysed: analysedKubernetes === 0 && ctx.objects.length === 0,
  };
}

/** One line: "12 resources analysed (…), 3 not analysed, 40 of other providers (aws 38, null 2)". */
export function coverageSummary(c: CoverageReport): string {
  const byType = Object.entries(c.resourcesByType).map(([t, n]) => `${t} ${n}`).join(", ");
  const others = Object.entries(c.otherProviders).map(([p, n]) => `${p} ${n}`).join(", ");
  const otherCount = Object.values(c.otherProviders).reduce((a, b) => a + b, 0);
  return (
    `${c.resources} resource(s) analysed${byType !== "" ? ` (${byType})` : ""}, ${c.objects} Kubernetes object(s); ` +
    `${c.notAnalysed.length} not analysed` +
    (otherCount > 0 ? `; ${otherCount} resource(s) of other providers, not Kubernetes (${others})` : "")
  );
}
