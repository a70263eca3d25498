import { parseImageReference } from "../k8s/validate";
import type { InventoryItem } from "./result";
import { workloads, type ContainerView, type Workload } from "./model/workloads";
import type { ResourceView, RuleContext } from "./types";

function imageItem(w: Workload, c: ContainerView, ctx: RuleContext): InventoryItem {
  const raw = ctx.staticValue(c.rawImage);
  const view = w.resource;
  const base = {
    kind: "image" as const,
    address: view.address,
    ...(view.constructPath !== undefined ? { constructPath: view.constructPath } : {}),
    container: c.name,
    init: c.init,
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
 * Every container image of every workload of the model (provider resources, kubernetes_manifest, objects a
 * helm_release carries or renders) and every Helm chart (`helm_release`), in document order: a release's chart
 * comes first, then the images of its objects; per workload, main containers then init containers. Linear.
 */
export function buildInventory(ctx: RuleContext): InventoryItem[] {
  const byAddress = new Map<string, Workload[]>();
  for (const w of workloads(ctx)) {
    const list = byAddress.get(w.resource.address);
    if (list) list.push(w);
    else byAddress.set(w.resource.address, [w]);
  }
  const items: InventoryItem[] = [];
  for (const view of ctx.resources) {
    if (view.type === "helm_release") items.push(chartItem(view, ctx));
    for (const w of byAddress.get(view.address) ?? []) {
      for (const c of [...w.containers, ...w.initContainers]) items.push(imageItem(w, c, ctx));
    }
  }
  return items;
}
