/**
 * Custom resources (cert-manager ClusterIssuer, Traefik Middleware, ...) validated against the `openAPIV3Schema` of
 * the CustomResourceDefinitions the stack applies (charts rendered with `--include-crds`, kubernetes_manifest CRDs).
 */
import type Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import type { KubeObject } from "../model/object";
import type { SchemaError } from "./builtin";
import { pointerSegment } from "./paths";
import type { UnknownField } from "./unknown-fields";

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One served version of a CRD. */
interface CrdVersion {
  readonly schema: Json;
  validate?: ValidateFunction;
}

/** The CRD schemas of a set of objects, by `group/version` and kind. */
export class CrdSchemas {
  private readonly byKey = new Map<string, CrdVersion>();
  private ajv: Ajv | undefined;

  /** Index every `apiextensions.k8s.io/v1` CustomResourceDefinition among `objects`. */
  constructor(objects: readonly KubeObject[]) {
    for (const o of objects) {
      if (o.kind !== "CustomResourceDefinition" || !o.apiVersion.startsWith("apiextensions.k8s.io/")) continue;
      const spec = o.spec;
      if (!isRecord(spec) || typeof spec.group !== "string" || !isRecord(spec.names) || typeof spec.names.kind !== "string") continue;
      if (!Array.isArray(spec.versions)) continue;
      for (const v of spec.versions) {
        if (!isRecord(v) || typeof v.name !== "string") continue;
        const schema = isRecord(v.schema) && isRecord(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : undefined;
        if (schema) this.byKey.set(`${spec.group}/${v.name}\u0000${spec.names.kind}`, { schema });
      }
    }
  }

  /** Whether a CRD among the objects defines this apiVersion/kind. */
  has(apiVersion: string, kind: string): boolean {
    return this.byKey.has(`${apiVersion}\u0000${kind}`);
  }

  /** Validate a custom resource; undefined when no CRD defines its apiVersion/kind. */
  validate(object: KubeObject): { errors: SchemaError[]; unknown: UnknownField[] } | undefined {
    const entry = this.byKey.get(`${object.apiVersion}\u0000${object.kind}`);
    if (!entry) return undefined;
    if (!entry.validate) {
      // Kubernetes' structural schemas use x-kubernetes-* keywords and formats (int32, date-time) ajv need not check.
      // ajv's compiler is loaded on the first CRD schema only: most checks validate no custom resource.
      this.ajv ??= new (loadAjv())({ strict: false, allErrors: true, validateFormats: false });
      entry.validate = this.ajv.compile(entry.schema);
    }
    const ok = entry.validate(object);
    const errors = ok ? [] : ((entry.validate.errors ?? []) as SchemaError[]);
    return { errors, unknown: prunedFields(object, entry.schema) };
  }
}

/** The ajv class, required on first use. */
function loadAjv(): typeof Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("ajv") as typeof import("ajv")).default;
}

/** Names of a structural schema's properties, or undefined when the node keeps unknown fields. */
function declared(schema: Json): string[] | undefined {
  if (schema["x-kubernetes-preserve-unknown-fields"] === true) return undefined;
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return undefined;
  if (!isRecord(schema.properties)) return undefined;
  return Object.keys(schema.properties);
}

/**
 * Fields the API server would prune: keys of an object whose structural schema declares properties, does not
 * preserve unknown fields and has no additionalProperties. (`apiVersion`, `kind` and `metadata` are always kept.)
 */
function prunedFields(object: unknown, root: Json): UnknownField[] {
  const out: UnknownField[] = [];
  const walk = (value: unknown, schema: Json, pointer: string): void => {
    if (Array.isArray(value)) {
      if (isRecord(schema.items)) value.forEach((v, i) => walk(v, schema.items as Json, `${pointer}/${i}`));
      return;
    }
    if (!isRecord(value)) return;
    const names = declared(schema);
    const props = isRecord(schema.properties) ? schema.properties : {};
    for (const [key, child] of Object.entries(value)) {
      const childPointer = `${pointer}/${pointerSegment(key)}`;
      if (pointer === "" && (key === "apiVersion" || key === "kind" || key === "metadata")) continue;
      if (isRecord(props[key])) walk(child, props[key] as Json, childPointer);
      else if (isRecord(schema.additionalProperties)) walk(child, schema.additionalProperties, childPointer);
      else if (names !== undefined) out.push({ parent: pointer, key, known: names });
    }
  };
  walk(object, root, "");
  return out;
}
