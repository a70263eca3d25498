/**
 * Which nested blocks cdktf writes as one object (the provider schema's max_items = 1) and which as a list,
 * for the kubernetes and helm providers' resources. hcl2json writes every block as a list; shaping a
 * configuration's blocks with this table makes HCL read into exactly the JSON cdktf synthesizes.
 * The table (provider-blocks.json) is generated from the provider bindings; see
 * test/readiness/input/provider-block-shapes.ts.
 */
import table from "./provider-blocks.json";

/** A block's nested blocks: `1` a single block without nested blocks, an object a single block, `[shape]` a list. */
export interface BlockShape {
  readonly [key: string]: 1 | BlockShape | readonly [BlockShape];
}

const SHAPES = table as unknown as Readonly<Record<string, BlockShape>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shape(body: Record<string, unknown>, node: BlockShape): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const [key, child] of Object.entries(node)) {
    const value = out[key];
    if (value === undefined) continue;
    if (Array.isArray(child)) {
      if (Array.isArray(value)) out[key] = value.map((item) => (isRecord(item) ? shape(item, child[0] as BlockShape) : item));
      continue;
    }
    const inner: BlockShape = child === 1 ? {} : (child as BlockShape);
    if (Array.isArray(value) && value.length === 1 && isRecord(value[0])) out[key] = shape(value[0], inner);
    else if (isRecord(value)) out[key] = shape(value, inner);
  }
  return out;
}

/** Whether the table knows a resource type. */
export function hasBlockShape(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(SHAPES, type);
}

/**
 * A resource body with its single nested blocks written as objects, as cdktf writes them (repeated blocks
 * stay lists). Bodies of types the table does not know are returned unchanged.
 */
export function shapeResourceBlocks(type: string, body: Record<string, unknown>): Record<string, unknown> {
  return hasBlockShape(type) ? shape(body, SHAPES[type]) : body;
}
