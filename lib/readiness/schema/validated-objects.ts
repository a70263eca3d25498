/** The validation of every object of a check, computed once and shared by the rules that read it. */
import type { ModelObject } from "../model/object";
import type { RuleContext } from "../types";
import type { ObjectValidation, ObjectValidator } from "./validate";

/** An object with its validation. */
export interface ValidatedObject {
  /** The object. */
  readonly object: ModelObject;
  /** Its validation. */
  readonly result: ObjectValidation;
}

const memo = new WeakMap<RuleContext, readonly ValidatedObject[]>();

/** Every object of the context validated once per check (rules share the result). */
export function objectValidations(ctx: RuleContext, validator: () => ObjectValidator): readonly ValidatedObject[] {
  const hit = memo.get(ctx);
  if (hit) return hit;
  const v = validator();
  const out = ctx.objects.map((object) => ({ object, result: v.validate(object.object) }));
  memo.set(ctx, out);
  return out;
}

