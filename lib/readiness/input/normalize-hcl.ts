/**
 * hcl2json's document → the JSON cdktf writes in cdk.tf.json, so every reader sees one form.
 *
 * hcl2json writes every labelled block as a list (`resource.<type>.<name> = [body]`) and every nested
 * block as a list. cdktf writes `resource.<type>.<name> = body`, Terraform's own blocks (`terraform`,
 * `required_providers`, `backend`, `lifecycle`, `locals`) as objects, `depends_on` as bare addresses,
 * `provider` as a list per provider name, and a provider resource's nested blocks as objects when the
 * schema allows one (`metadata`, `spec`, `template`) and as lists otherwise (`container`, `port`):
 * block-shapes.ts holds that table for the kubernetes and helm providers. Blocks of other providers'
 * resources stay lists, which Terraform JSON accepts and the readers (`first`, `records`) take.
 */
import type { TerraformJson } from "../types";
import { shapeResourceBlocks } from "./block-shapes";
import { TerraformInputError } from "./errors";

type JsonObject = Record<string, unknown>;

function isRecord(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A block hcl2json wrote as a list of one object → the object (several bodies merged, later wins). */
function single(value: unknown): JsonObject {
  if (isRecord(value)) return value;
  if (Array.isArray(value)) return Object.assign({}, ...value.filter(isRecord)) as JsonObject;
  return {};
}

/** `${kubernetes_namespace_v1.ns}` → `kubernetes_namespace_v1.ns` (cdktf writes bare addresses). */
function bareReference(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const m = /^\$\{([^{}]+)\}$/.exec(value);
  return m ? m[1].trim() : value;
}

/** Terraform's meta-arguments of a resource or data body in cdktf's shape; provider arguments untouched. */
function normalizeBody(body: JsonObject): JsonObject {
  const out: JsonObject = { ...body };
  if ("lifecycle" in out) out.lifecycle = single(out.lifecycle);
  if ("timeouts" in out) out.timeouts = single(out.timeouts);
  if (Array.isArray(out.depends_on)) out.depends_on = out.depends_on.map(bareReference);
  if (typeof out.provider === "string") out.provider = bareReference(out.provider);
  return out;
}

/** A variable: its `type` constraint as cdktf writes it (`string`, not `${string}`). */
function normalizeVariable(body: JsonObject): JsonObject {
  return "type" in body ? { ...body, type: bareReference(body.type) } : body;
}

/** The `terraform` block: one object; required_providers an object; backend/cloud `{ type: body }`. */
function normalizeTerraformBlock(value: unknown): JsonObject {
  const out = single(value);
  if ("required_providers" in out) out.required_providers = single(out.required_providers);
  if (isRecord(out.backend)) {
    const backend: JsonObject = {};
    for (const [type, body] of Object.entries(out.backend)) backend[type] = single(body);
    out.backend = backend;
  }
  if ("cloud" in out) out.cloud = single(out.cloud);
  return out;
}

/** Where each top-level definition came from, to name both files of a duplicate. */
export type Origins = Map<string, string>;

/** Merge named definitions into `into`, rejecting a name defined twice (Terraform does too). */
function mergeNamed(
  into: JsonObject,
  entries: JsonObject,
  keyOf: (name: string) => string,
  file: string,
  origins: Origins,
  transform: (body: JsonObject) => JsonObject,
  override: boolean,
): void {
  for (const [name, raw] of Object.entries(entries)) {
    const bodies = Array.isArray(raw) ? raw.filter(isRecord) : isRecord(raw) ? [raw] : [];
    const key = keyOf(name);
    if (bodies.length > 1 && !override) throw new TerraformInputError(file, `${key} is declared ${bodies.length} times (Terraform allows one)`);
    const body = transform(Object.assign({}, ...bodies) as JsonObject);
    if (name in into) {
      if (!override) throw new TerraformInputError(file, `${key} is already declared in ${origins.get(key) ?? "another file"} (Terraform allows one)`);
      into[name] = { ...(into[name] as JsonObject), ...body };
      continue;
    }
    into[name] = body;
    origins.set(key, file);
  }
}

/** The object at `target[key]`, created when absent. */
function section(target: JsonObject, key: string): JsonObject {
  if (!isRecord(target[key])) target[key] = {};
  return target[key] as JsonObject;
}

/** Merge typed definitions (`resource`, `data`): `{ type: { name: [body] } }`. */
function mergeTyped(target: JsonObject, kind: "resource" | "data", value: unknown, file: string, origins: Origins, override: boolean): void {
  if (!isRecord(value)) return;
  const into = section(target, kind);
  for (const [type, byName] of Object.entries(value)) {
    if (!isRecord(byName)) continue;
    const keyOf = (name: string) => `${kind === "data" ? "data." : ""}${type}.${name}`;
    const transform = kind === "resource" ? (body: JsonObject) => shapeResourceBlocks(type, normalizeBody(body)) : normalizeBody;
    mergeNamed(section(into, type), byName, keyOf, file, origins, transform, override);
  }
}

/**
 * Merge one file's hcl2json document into `target` (the cdk.tf.json-shaped document of the configuration).
 * `override` applies Terraform's override-file rule: attributes of an existing definition are replaced.
 */
export function mergeHclDocument(target: JsonObject, doc: JsonObject, file: string, origins: Origins, override = false): void {
  for (const [key, value] of Object.entries(doc)) {
    switch (key) {
      case "resource":
      case "data":
        mergeTyped(target, key, value, file, origins, override);
        break;
      case "module":
      case "variable":
      case "output":
        if (isRecord(value)) mergeNamed(section(target, key), value, (name) => `${key}.${name}`, file, origins, key === "variable" ? normalizeVariable : (b) => b, override);
        break;
      case "locals": {
        const locals = section(target, "locals");
        for (const block of Array.isArray(value) ? value : [value]) {
          if (!isRecord(block)) continue;
          for (const [name, v] of Object.entries(block)) {
            if (name in locals && !override) throw new TerraformInputError(file, `local.${name} is already declared in ${origins.get(`local.${name}`) ?? "another file"} (Terraform allows one)`);
            locals[name] = v;
            origins.set(`local.${name}`, file);
          }
        }
        break;
      }
      case "provider": {
        if (!isRecord(value)) break;
        const providers = section(target, "provider");
        for (const [name, bodies] of Object.entries(value)) {
          const list = Array.isArray(providers[name]) ? (providers[name] as unknown[]) : [];
          providers[name] = [...list, ...(Array.isArray(bodies) ? bodies : [bodies])];
        }
        break;
      }
      case "terraform": {
        const block = normalizeTerraformBlock(value);
        const current = isRecord(target.terraform) ? target.terraform : {};
        const merged: JsonObject = { ...current, ...block };
        if (isRecord(current.required_providers) || isRecord(block.required_providers)) {
          merged.required_providers = { ...single(current.required_providers), ...single(block.required_providers) };
        }
        target.terraform = merged;
        break;
      }
      default: {
        // moved, import, removed, check: kept as hcl2json wrote them (lists), appended per file.
        const list = Array.isArray(target[key]) ? (target[key] as unknown[]) : [];
        target[key] = [...list, ...(Array.isArray(value) ? value : [value])];
      }
    }
  }
}

/** The merged document as Terraform JSON. */
export function asTerraformJson(doc: JsonObject): TerraformJson {
  return doc as TerraformJson;
}
