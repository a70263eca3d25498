/**
 * Validation against the Kubernetes API schemas of `kubernetes-models` 4.5.1 (CommonJS; see kubernetes-version.ts
 * for the Kubernetes version they correspond to): apiVersion + kind → the model module
 * (`apps/v1` + `Deployment` → `kubernetes-models/apps/v1/Deployment`), whose class carries the compiled validator.
 */
import { newTrace, traced, unknownFields, type UnknownField } from "./unknown-fields";

/** One ajv error as the compiled validators report it. */
export interface SchemaError {
  /** JSON pointer of the value at fault. */
  readonly instancePath: string;
  /** ajv keyword (`type`, `required`, `enum`, ...). */
  readonly keyword: string;
  /** Keyword parameters (`missingProperty`, `allowedValues`, ...). */
  readonly params: Record<string, unknown>;
  /** ajv's message (`must be string`). */
  readonly message?: string;
}

/** What one validation saw: schema errors and fields the schema does not declare. */
export interface BuiltinResult {
  readonly errors: readonly SchemaError[];
  readonly unknown: readonly UnknownField[];
}

/** A model class: its prototype's validate runs the compiled schema on `this`. */
interface ModelClass {
  readonly prototype: { validate(this: unknown): void };
}

const cache = new Map<string, ModelClass | null>();

/** The model module path of an apiVersion/kind, e.g. `kubernetes-models/apps/v1/Deployment`. */
export function modelModule(apiVersion: string, kind: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) return undefined;
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion)) return undefined;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

function modelClass(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}\u0000${kind}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const path = modelModule(apiVersion, kind);
  let found: ModelClass | null = null;
  if (path !== undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path) as Record<string, unknown>;
      const cls = mod[kind] as ModelClass | undefined;
      if (cls && typeof cls.prototype?.validate === "function") found = cls;
    } catch {
      found = null;
    }
  }
  cache.set(key, found);
  return found ?? undefined;
}

/** Whether the built-in schemas know this apiVersion/kind. */
export function hasBuiltinSchema(apiVersion: string, kind: string): boolean {
  return modelClass(apiVersion, kind) !== undefined;
}

/** Validate an object against its built-in schema; undefined when there is none. */
export function validateBuiltin(object: { apiVersion: string; kind: string }): BuiltinResult | undefined {
  const cls = modelClass(object.apiVersion, object.kind);
  if (!cls) return undefined;
  const trace = newTrace();
  let errors: SchemaError[] = [];
  try {
    cls.prototype.validate.call(traced(object, trace));
  } catch (error) {
    const list = (error as { errors?: unknown }).errors;
    if (!Array.isArray(list)) throw error;
    errors = list as SchemaError[];
  }
  return { errors, unknown: unknownFields(object, trace) };
}
