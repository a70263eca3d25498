/**
 * Validate what would be applied: each object against the Kubernetes API schema of its apiVersion/kind, or the
 * `openAPIV3Schema` of the CRD that defines it; schema errors and undeclared (misspelt) fields become problems.
 * Terraform interpolations (`${...}`) are unknown until apply: errors on them are skipped.
 */
import type { KubeObject } from "../model/object";
import { validateBuiltin, type SchemaError } from "./builtin";
import { CrdSchemas } from "./crd";
import { dottedPath, isInterpolation, pointerSegments, valueAtPointer } from "./paths";
import { typeNameAt } from "./type-names";
import { closestField, type UnknownField } from "./unknown-fields";

/** One thing wrong with an object. */
export interface SchemaProblem {
  /** Dotted path of the field at fault, e.g. `spec.template.spec.containers[0].imagePullPolicyy`. */
  readonly path: string;
  /** The whole sentence, path included. */
  readonly message: string;
}

/** The verdict on one object. */
export type ObjectValidation =
  | { readonly status: "validated"; readonly schema: "kubernetes" | "crd"; readonly problems: readonly SchemaProblem[] }
  | { readonly status: "not-validated"; readonly reason: string };

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Whether the value at a pointer, or any value above it, is a Terraform interpolation. */
function interpolated(root: unknown, pointer: string): boolean {
  const segments = pointerSegments(pointer);
  let cur: unknown = root;
  if (isInterpolation(cur)) return true;
  for (const s of segments) {
    if (cur === null || typeof cur !== "object") return false;
    cur = (cur as Record<string, unknown>)[s];
    if (isInterpolation(cur)) return true;
  }
  return false;
}

function unknownProblem(kind: string, u: UnknownField): SchemaProblem {
  const parent = pointerSegments(u.parent);
  const path = dottedPath([...parent, u.key]);
  const type = typeNameAt(kind, parent);
  const where = type !== undefined ? type : parent.length === 0 ? kind : `${kind} at ${dottedPath(parent)}`;
  const guess = closestField(u.key, u.known);
  return { path, message: `${path} is not a field of ${where}${guess !== undefined ? ` (did you mean ${guess}?)` : ""}` };
}

function errorProblem(object: KubeObject, e: SchemaError): SchemaProblem | undefined {
  const segments = pointerSegments(e.instancePath);
  const value = valueAtPointer(object, e.instancePath);
  switch (e.keyword) {
    case "required": {
      const path = dottedPath([...segments, String(e.params.missingProperty)]);
      return { path, message: `${path} is required` };
    }
    case "additionalProperties": {
      const key = String(e.params.additionalProperty);
      return unknownProblem(object.kind, { parent: e.instancePath, key, known: [] });
    }
    case "enum": {
      const path = dottedPath(segments);
      const allowed = Array.isArray(e.params.allowedValues) ? e.params.allowedValues.map((v) => shown(v)).join(", ") : "?";
      return { path, message: `${path} must be one of ${allowed}, not ${shown(value)}` };
    }
    case "type": {
      const path = dottedPath(segments);
      return { path, message: `${path} must be of type ${String(e.params.type)}, not ${shown(value)}` };
    }
    case "anyOf":
    case "oneOf":
      // The failing branches say what is wrong; the summary line adds nothing.
      return undefined;
    default: {
      const path = dottedPath(segments);
      return { path, message: `${path} ${e.message ?? `fails ${e.keyword}`} (value ${shown(value)})` };
    }
  }
}

/**
 * Fields the API has but the kubernetes-models 4.5.1 schemas lack: its generator drops every property named
 * `description` (PriorityClass, CRD printer columns, JSONSchemaProps) and the `x-kubernetes-*` extensions of
 * `JSONSchemaProps`. They are not reported.
 */
function schemaPropsExtension(object: KubeObject, u: UnknownField): boolean {
  if (u.key === "description") return true;
  return object.kind === "CustomResourceDefinition" && u.parent.includes("/openAPIV3Schema") && u.key.startsWith("x-kubernetes-");
}

/** The problems of one validation, with interpolated values skipped and duplicates removed. */
function problemsOf(object: KubeObject, errors: readonly SchemaError[], unknown: readonly UnknownField[], builtin: boolean): SchemaProblem[] {
  const out = new Map<string, SchemaProblem>();
  for (const e of errors) {
    if (interpolated(object, e.instancePath)) continue;
    const p = errorProblem(object, e);
    if (p && !out.has(p.message)) out.set(p.message, p);
  }
  for (const u of unknown) {
    if (builtin && schemaPropsExtension(object, u)) continue;
    const p = unknownProblem(object.kind, u);
    if (!out.has(p.message)) out.set(p.message, p);
  }
  return [...out.values()];
}

/** Validates objects; CRD schemas come from the CRDs among the objects it was built with. */
export class ObjectValidator {
  private readonly crds: CrdSchemas;

  constructor(objects: readonly KubeObject[]) {
    this.crds = new CrdSchemas(objects);
  }

  /** Validate one object. */
  validate(object: KubeObject): ObjectValidation {
    if (typeof object.apiVersion !== "string" || isInterpolation(object.apiVersion) || isInterpolation(object.kind)) {
      return { status: "not-validated", reason: "apiVersion or kind is not statically known" };
    }
    const builtin = validateBuiltin(object);
    if (builtin) return { status: "validated", schema: "kubernetes", problems: problemsOf(object, builtin.errors, builtin.unknown, true) };
    const crd = this.crds.validate(object);
    if (crd) return { status: "validated", schema: "crd", problems: problemsOf(object, crd.errors, crd.unknown, false) };
    return { status: "not-validated", reason: `no schema for ${object.apiVersion} ${object.kind} (not a built-in API, and no CRD in the stack defines it)` };
  }
}
