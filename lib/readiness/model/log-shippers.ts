/** Log shippers: promtail/alloy Helm releases, and DaemonSets running a promtail/alloy image (any origin). */
import type { ResourceView, RuleContext } from "../types";
import { findingOn, type RuleFinding } from "./findings";
import { helmReleases } from "./helm";
import { isRecord, memoized, tryParseYaml, valueAt, walkTree } from "./json";
import type { ModelObject } from "./object";
import { configMapData, findNamed, mountedConfigMaps } from "./services";
import { imageBaseName, workloads } from "./workloads";

/** A log shipper. */
export interface LogShipper {
  /** The Terraform resource (the release, or the DaemonSet's resource). */
  readonly resource: ResourceView;
  /** The DaemonSet object, for shippers that are one. */
  readonly model?: ModelObject;
  /** How messages name it. */
  readonly at: string;
  /** promtail or alloy. */
  readonly kind: "promtail" | "alloy";
  /** Config trees to search: Helm values, or the parsed ConfigMaps the DaemonSet mounts. */
  readonly configs: unknown[];
  /** Raw config text (ConfigMap data, alloy configMap.content) for text searches. */
  readonly texts: string[];
  /** Namespace the shipper is installed in. */
  readonly namespace: string;
}

function shipperKindOfName(name: string): "promtail" | "alloy" | undefined {
  if (name.includes("promtail")) return "promtail";
  if (name.includes("alloy")) return "alloy";
  return undefined;
}

/** A finding on a shipper (on its DaemonSet object when it is one). */
export function findingOnShipper(s: LogShipper, message: string, remediation?: string): RuleFinding {
  if (s.model) return findingOn(s.model, message, remediation);
  const base = { address: s.resource.address, ...(s.resource.constructPath !== undefined ? { constructPath: s.resource.constructPath } : {}), message };
  return remediation === undefined ? base : { ...base, remediation };
}

/** Every log shipper of the stack. A release's rendered DaemonSet is the release itself, not a second shipper. */
export function logShippers(ctx: RuleContext): readonly LogShipper[] {
  return memoized(ctx, "logShippers", () => {
    const out: LogShipper[] = [];
    const releases = new Set<string>();
    for (const rel of helmReleases(ctx)) {
      const kind = shipperKindOfName(rel.chart);
      if (!kind) continue;
      releases.add(rel.resource.address);
      const texts: string[] = [];
      walkTree(rel.values, (_k, v) => {
        if (typeof v === "string" && v.includes("\n")) texts.push(v);
      });
      // Alloy reading an existing ConfigMap: alloy.configMap.name.
      const cmName = valueAt(rel.values, "alloy", "configMap", "name");
      if (cmName !== undefined) {
        const cm = findNamed(ctx, "ConfigMap", rel.namespace, cmName);
        if (cm) texts.push(...Object.values(configMapData(ctx, cm)));
      }
      out.push({ resource: rel.resource, at: rel.resource.address, kind, configs: [rel.values], texts, namespace: rel.namespace });
    }
    for (const w of workloads(ctx)) {
      if (w.kind !== "DaemonSet" || releases.has(w.resource.address)) continue;
      const kind = w.containers.map((c) => (c.image ? shipperKindOfName(imageBaseName(c.image)) : undefined)).find((k) => k);
      if (!kind) continue;
      const texts = mountedConfigMaps(ctx, w).flatMap((cm) => Object.values(configMapData(ctx, cm)));
      out.push({ resource: w.resource, model: w.model, at: w.at, kind, configs: [], texts, namespace: w.namespace });
    }
    return out;
  });
}

/** Config trees of a shipper: its values plus every config text that parses as YAML. */
export function shipperTrees(s: LogShipper): unknown[] {
  const trees = [...s.configs];
  for (const t of s.texts) {
    const parsed = tryParseYaml(t);
    if (parsed !== undefined) trees.push(parsed);
  }
  return trees;
}

function hasJsonStage(v: unknown): boolean {
  return Array.isArray(v) && v.some((stage) => isRecord(stage) && Object.prototype.hasOwnProperty.call(stage, "json"));
}

/** Whether a shipper parses JSON log lines: promtail pipeline_stages with a `json` stage; alloy `stage.json`. */
export function shipperParsesJson(s: LogShipper): boolean {
  if (s.kind === "alloy") {
    let found = s.texts.some((t) => /\bstage\.json\b/.test(t));
    if (!found) {
      for (const tree of s.configs) {
        walkTree(tree, (_k, v) => {
          if (typeof v === "string" && /\bstage\.json\b/.test(v)) found = true;
        });
      }
    }
    return found;
  }
  let found = false;
  for (const tree of shipperTrees(s)) {
    walkTree(tree, (key, v) => {
      if (found) return;
      if ((key === "pipeline_stages" || key === "pipelineStages") && Array.isArray(v)) {
        if (hasJsonStage(v)) found = true;
      } else if (typeof v === "string" && /pipeline_stages|^\s*-\s*json\s*:/m.test(v)) {
        const parsed = tryParseYaml(v);
        if (parsed !== undefined) {
          walkTree(parsed, (k2, v2) => {
            if ((k2 === "pipeline_stages" || k2 === "pipelineStages") && hasJsonStage(v2)) found = true;
          });
          if (!found && hasJsonStage(parsed)) found = true;
        }
      }
    });
  }
  return found;
}
