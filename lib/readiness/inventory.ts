import { parseImageReference } from "../k8s/validate";
import type { InventoryItem } from "./result";
import type { ResourceView, RuleContext } from "./types";

const CONTAINER_KEYS = new Set(["container", "init_container", "ephemeral_container"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Container blocks anywhere in a resource body (pod templates of any workload kind), in document order. */
function containersOf(body: unknown, out: { block: Record<string, unknown>; init: boolean }[]): void {
  if (Array.isArray(body)) {
    for (const item of body) containersOf(item, out);
    return;
  }
  if (!isRecord(body)) return;
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    if (CONTAINER_KEYS.has(key)) {
      const blocks = Array.isArray(value) ? value : [value];
      for (const block of blocks) {
        if (isRecord(block)) out.push({ block, init: key === "init_container" });
      }
      continue;
    }
    if (typeof value === "object" && value !== null) containersOf(value, out);
  }
}

function imageItem(view: ResourceView, ctx: RuleContext, block: Record<string, unknown>, init: boolean): InventoryItem {
  const raw = ctx.staticValue(block.image);
  const container = typeof block.name === "string" ? block.name : undefined;
  const base = {
    kind: "image" as const,
    address: view.address,
    ...(view.constructPath !== undefined ? { constructPath: view.constructPath } : {}),
    ...(container !== undefined ? { container } : {}),
    init,
  };
  if (typeof raw !== "string") return { ...base, pinned: false };
  const ref = parseImageReference(raw);
  if (!ref) return { ...base, reference: raw, pinned: false };
  const pinned = ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== "latest");
  return {
    ...base,
    reference: raw,
    name: ref.repository,
    ...(ref.tag !== undefined ? { tag: ref.tag } : {}),
    ...(ref.digest !== undefined ? { digest: ref.digest } : {}),
    pinned,
  };
}

/** An exact chart version: no ranges, wildcards or missing version. */
function isExactVersion(version: string | undefined): boolean {
  return version !== undefined && /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/.test(version);
}

function chartItem(view: ResourceView, ctx: RuleContext): InventoryItem {
  const chart = ctx.staticValue(view.body.chart);
  const repository = ctx.staticValue(view.body.repository);
  const version = ctx.staticValue(view.body.version);
  const name = typeof chart === "string" ? chart : undefined;
  const repo = typeof repository === "string" ? repository : undefined;
  const tag = typeof version === "string" ? version : undefined;
  const reference = name === undefined ? undefined : repo !== undefined && !name.includes("://") ? `${repo.replace(/\/$/, "")}/${name}` : name;
  return {
    kind: "chart",
    address: view.address,
    ...(view.constructPath !== undefined ? { constructPath: view.constructPath } : {}),
    ...(reference !== undefined ? { reference } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(tag !== undefined ? { tag } : {}),
    ...(repo !== undefined ? { repository: repo } : {}),
    pinned: isExactVersion(tag),
  };
}

/**
 * Every container image of every workload (any resource with `container`/`init_container` blocks) and every
 * Helm chart (`helm_release`), in document order. Linear in the size of the JSON.
 */
export function buildInventory(ctx: RuleContext): InventoryItem[] {
  const items: InventoryItem[] = [];
  for (const view of ctx.resources) {
    if (view.type === "helm_release") {
      items.push(chartItem(view, ctx));
      continue;
    }
    const blocks: { block: Record<string, unknown>; init: boolean }[] = [];
    containersOf(view.body, blocks);
    for (const { block, init } of blocks) {
      if ("image" in block) items.push(imageItem(view, ctx, block, init));
    }
  }
  return items;
}
