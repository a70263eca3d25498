import { hasInterpolation, parseReference, walkAttribute } from "./resolver";
import { resourceLines } from "./source-lines";
import { buildObjects } from "./model/build";
import { isRecord } from "./model/json";
import type { ModelObject } from "./model/object";
import type { RenderingReport } from "./model/rendering";
import type { RoleSelectors } from "./model/roles";
import type { ResolvedReference, ResourceView, RuleContext, RuleOptionValue, TerraformJson } from "./types";

/** Options of {@link createRuleContext}. */
export interface RuleContextOptions {
  /**
   * Recommended rules count as errors.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * The JSON text the object was parsed from (cdktf writes `JSON.stringify(x, null, 2)`), for line numbers.
   * @default no line numbers
   */
  readonly source?: string;
  /**
   * Objects from outside the Terraform JSON (charts rendered with Helm), appended to the model.
   * @default none
   */
  readonly extraObjects?: readonly ModelObject[];
  /**
   * What the rehearsal rendered (the engine passes it when rendering was requested).
   * @default undefined
   */
  readonly rendering?: RenderingReport;
  /**
   * How the user marks workloads of the roles rules know (e.g. `{ api: { labels: { app: "shop" } } }`).
   * @default readystack's marks only
   */
  readonly roles?: RoleSelectors;
  /**
   * The resolved options of each rule, by rule id (the engine passes them; `ctx.options(id)` returns them).
   * @default none: every rule sees `{}`
   */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, RuleOptionValue>>>>;
}

/** The readystack facts and construct path of a body's `//` block. */
function metadataOf(body: Record<string, unknown>): { constructPath?: string; readystack: Record<string, unknown> } {
  const comment = body["//"];
  if (!isRecord(comment)) return { readystack: {} };
  const meta = comment.metadata;
  const constructPath = isRecord(meta) && typeof meta.path === "string" ? meta.path : undefined;
  const readystack = isRecord(comment.readystack) ? comment.readystack : {};
  return constructPath === undefined ? { readystack } : { constructPath, readystack };
}

/** Build resource views for one block (`resource` or `data`), in document order. */
function viewsOf(
  block: unknown,
  prefix: "" | "data.",
  lines: Map<string, number> | undefined,
): ResourceView[] {
  const views: ResourceView[] = [];
  if (!isRecord(block)) return views;
  for (const [type, byName] of Object.entries(block)) {
    if (!isRecord(byName)) continue;
    for (const [name, body] of Object.entries(byName)) {
      if (!isRecord(body)) continue;
      const address = `${prefix}${type}.${name}`;
      const meta = metadataOf(body);
      const line = lines?.get(address);
      views.push({
        type,
        name,
        address,
        body,
        readystack: meta.readystack,
        ...(meta.constructPath !== undefined ? { constructPath: meta.constructPath } : {}),
        ...(line !== undefined ? { line } : {}),
      });
    }
  }
  return views;
}

/** The RuleContext implementation: indexes built once, linear in the number of resources. */
class JsonRuleContext implements RuleContext {
  public readonly resources: readonly ResourceView[];
  /** Data sources (`data.type.name`), in document order. */
  public readonly dataSources: readonly ResourceView[];
  private readonly typeIndex = new Map<string, ResourceView[]>();
  private readonly addressIndex = new Map<string, ResourceView>();
  public readonly objects: readonly ModelObject[];
  private readonly kindIndex = new Map<string, ModelObject[]>();

  constructor(
    public readonly json: TerraformJson,
    public readonly strict: boolean,
    source: string | undefined,
    extraObjects: readonly ModelObject[],
    public readonly rendering: RenderingReport | undefined,
    public readonly roles: RoleSelectors | undefined,
    private readonly ruleOptions: Readonly<Record<string, Readonly<Record<string, RuleOptionValue>>>> = {},
  ) {
    const lines = source !== undefined ? resourceLines(source) : undefined;
    this.resources = viewsOf(json.resource, "", lines);
    this.dataSources = viewsOf(json.data, "data.", lines);
    for (const view of this.resources) {
      let list = this.typeIndex.get(view.type);
      if (!list) {
        list = [];
        this.typeIndex.set(view.type, list);
      }
      list.push(view);
      this.addressIndex.set(view.address, view);
    }
    for (const view of this.dataSources) this.addressIndex.set(view.address, view);
    // A rendered release replaces what its values were read to carry: the render is what would be applied.
    const rendered = new Set(extraObjects.filter((o) => o.origin === "helm-rendered").map((o) => o.address));
    const objects = buildObjects(this, this.resources).filter((o) => !(o.origin === "helm-values" && rendered.has(o.address)));
    objects.push(...extraObjects);
    this.objects = objects;
    for (const o of objects) {
      const list = this.kindIndex.get(o.object.kind);
      if (list) list.push(o);
      else this.kindIndex.set(o.object.kind, [o]);
    }
  }

  options(ruleId: string): Readonly<Record<string, RuleOptionValue>> {
    return Object.prototype.hasOwnProperty.call(this.ruleOptions, ruleId) ? this.ruleOptions[ruleId] : {};
  }

  objectsOfKind(kind: string): readonly ModelObject[] {
    return this.kindIndex.get(kind) ?? [];
  }

  byType(type: string): readonly ResourceView[] {
    return this.typeIndex.get(type) ?? [];
  }

  get(address: string): ResourceView | undefined {
    return this.addressIndex.get(address);
  }

  resolve(value: unknown): ResolvedReference | undefined {
    const ref = parseReference(value);
    if (!ref) return undefined;
    const resource = this.addressIndex.get(ref.address);
    if (!resource) return undefined;
    const raw = walkAttribute(resource.body, ref.attribute);
    const followed = this.staticValue(raw);
    return followed === undefined
      ? { resource, attribute: ref.attribute }
      : { resource, attribute: ref.attribute, value: followed };
  }

  staticValue(value: unknown): unknown {
    let current = value;
    // Follow chains of references (a → b → literal), with a bound against cycles.
    for (let hops = 0; hops < 16; hops++) {
      if (typeof current !== "string") return current;
      if (!current.includes("${")) return current;
      const ref = parseReference(current);
      if (!ref) return hasInterpolation(current) ? undefined : current;
      const resource = this.addressIndex.get(ref.address);
      if (!resource) return undefined;
      current = walkAttribute(resource.body, ref.attribute);
      if (current === undefined) return undefined;
    }
    return undefined;
  }
}

/** A RuleContext plus the data sources index (used by the engine). */
export type EngineRuleContext = RuleContext & { readonly dataSources: readonly ResourceView[] };

/**
 * Index a Terraform JSON document for rules: resources by type and address (one linear pass),
 * construct paths and `//.readystack` facts, line numbers when the source text is given.
 */
export function createRuleContext(json: TerraformJson, options: RuleContextOptions = {}): EngineRuleContext {
  return new JsonRuleContext(json, options.strict ?? false, options.source, options.extraObjects ?? [], options.rendering, options.roles, options.ruleOptions);
}
