/**
 * Waivers from the three places a stack can give them: the resource's `//.readystack.waivers` (Readiness.waive),
 * the config file's `waivers`, and a `readystack.io/waive.<RULE-ID>: <reason>` annotation or label on the
 * Kubernetes object itself (so a stack written in HCL can waive in place).
 */
import type { ConfigWaiver } from "./config/types";
import { first } from "./k8s-model";
import type { ReportedFinding, WaiverRecord } from "./result";
import type { ResourceView, RuleContext, TerraformJson } from "./types";

/** Annotation (or label) key prefix of an in-place waiver: `readystack.io/waive.RS-HPA-MIN-REPLICAS`. */
export const WAIVE_ANNOTATION_PREFIX = "readystack.io/waive.";

/** A waiver as read, before it is checked and matched. */
export interface RawWaiver {
  readonly ruleId: string;
  readonly reason: string;
  readonly source: WaiverRecord["source"];
  readonly scope?: string;
  readonly objectRef?: string;
  readonly file?: string;
  /** The resource that carries it (config waivers: the resource it names, when the stack has it). */
  readonly holder?: ResourceView;
  /** The address it names (config waivers may name one the stack does not have). */
  readonly address?: string;
  /** Why it is malformed (an invalid waiver), if it is. */
  problem?: string;
  suppressed: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Waivers of `//.readystack.waivers` on each resource and on the document; malformed entries carry a problem. */
export function codeWaivers(json: TerraformJson, resources: readonly ResourceView[]): RawWaiver[] {
  const waivers: RawWaiver[] = [];
  const read = (list: unknown, holder: ResourceView | undefined): void => {
    if (list === undefined) return;
    const base = { source: "code" as const, suppressed: 0, ...(holder ? { holder, address: holder.address } : {}) };
    if (!Array.isArray(list)) {
      waivers.push({ ...base, ruleId: "", reason: "", problem: `//.readystack.waivers must be a list of {ruleId, reason}, got ${typeof list}` });
      return;
    }
    for (const entry of list) {
      const ruleId = isRecord(entry) && typeof entry.ruleId === "string" ? entry.ruleId : undefined;
      const reason = isRecord(entry) && typeof entry.reason === "string" ? entry.reason : "";
      const scope = isRecord(entry) && typeof entry.scope === "string" ? entry.scope : undefined;
      const objectRef = isRecord(entry) && typeof entry.objectRef === "string" ? entry.objectRef : undefined;
      waivers.push({
        ...base,
        ruleId: ruleId ?? "",
        reason,
        ...(scope !== undefined ? { scope } : {}),
        ...(objectRef !== undefined ? { objectRef } : {}),
        ...(ruleId === undefined ? { problem: `a waiver without a rule id (${JSON.stringify(entry)})` } : {}),
      });
    }
  };
  const top = json["//"];
  if (isRecord(top) && isRecord(top.readystack)) read(top.readystack.waivers, undefined);
  for (const view of resources) read(view.readystack.waivers, view);
  return waivers;
}

/** Waivers of the config file, tied to the resources they name. */
export function configWaivers(list: readonly ConfigWaiver[], ctx: RuleContext, file: string): RawWaiver[] {
  return list.map((w) => {
    const holder = ctx.get(w.address);
    return {
      ruleId: w.ruleId,
      reason: w.reason,
      source: "config" as const,
      file,
      address: w.address,
      ...(w.objectRef !== undefined ? { objectRef: w.objectRef } : {}),
      ...(holder ? { holder } : {}),
      suppressed: 0,
    };
  });
}

function waiveEntries(metadata: unknown): [string, string][] {
  const out: [string, string][] = [];
  const meta = first(metadata);
  if (!meta) return out;
  for (const key of ["annotations", "labels"]) {
    const map = meta[key];
    if (!isRecord(map)) continue;
    for (const [k, v] of Object.entries(map)) {
      if (k.startsWith(WAIVE_ANNOTATION_PREFIX)) out.push([k.slice(WAIVE_ANNOTATION_PREFIX.length), typeof v === "string" ? v : String(v)]);
    }
  }
  return out;
}

/**
 * Waivers written as `readystack.io/waive.<RULE-ID>` annotations or labels: on every model object (rendered and
 * helm-values objects waive for that object only), and on the `metadata` of kubernetes_* resources.
 */
export function annotationWaivers(ctx: RuleContext): RawWaiver[] {
  const out: RawWaiver[] = [];
  const seen = new Set<string>();
  const add = (ruleId: string, reason: string, holder: ResourceView, objectRef: string | undefined): void => {
    const key = `${ruleId}\u0000${holder.address}\u0000${objectRef ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({
      ruleId,
      reason,
      source: "annotation",
      holder,
      address: holder.address,
      ...(objectRef !== undefined ? { objectRef } : {}),
      ...(ruleId === "" ? { problem: `an annotation ${WAIVE_ANNOTATION_PREFIX} without a rule id` } : {}),
      suppressed: 0,
    });
  };
  for (const o of ctx.objects) {
    for (const [ruleId, reason] of waiveEntries(o.object.metadata)) add(ruleId, reason, o.resource, o.objectRef);
  }
  for (const r of ctx.resources) {
    if (!r.type.startsWith("kubernetes_") || r.type === "kubernetes_manifest") continue;
    for (const [ruleId, reason] of waiveEntries(r.body.metadata)) add(ruleId, reason, r, undefined);
  }
  return out;
}

/** Whether a waiver covers a finding: same rule, same resource (none for stack-level), same object when it names one. */
export function waiverMatches(w: RawWaiver, f: ReportedFinding): boolean {
  if (w.ruleId !== f.ruleId) return false;
  if ((w.address ?? "") !== (f.address ?? "")) return false;
  return w.objectRef === undefined || w.objectRef === f.objectRef;
}
