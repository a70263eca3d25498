import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The synthesized Terraform JSON of a stack built by `build`. `Testing.synth` must succeed; the JSON returned is
 * `stack.toTerraform()`, which (unlike `Testing.synth`) keeps the `//` metadata where readystack records facts.
 */
export function synthJson(build: (stack: TerraformStack) => void): any {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  build(stack);
  Testing.synth(stack);
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

/** A fresh stack to construct into (for error cases that throw before synth). */
export function freshStack(): Construct {
  return new TerraformStack(Testing.app(), "test");
}

/** The only resource of `type` in the JSON (fails when there is not exactly one). */
export function only(json: any, type: string): any {
  const all = json.resource?.[type] ?? {};
  const keys = Object.keys(all);
  if (keys.length !== 1) throw new Error(`expected exactly one ${type}, found ${keys.length}: ${keys.join(", ")}`);
  return all[keys[0]];
}

/** The resources of `type` in the JSON, by address name. */
export function all(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** Run `fn` and return the ReadystackConfigError it throws (fails if it does not throw one). */
export function configError(fn: () => unknown): Error & { field: string; value: unknown } {
  try {
    fn();
  } catch (e) {
    if ((e as Error).name === "ReadystackConfigError") return e as Error & { field: string; value: unknown };
    throw e;
  }
  throw new Error("expected a ReadystackConfigError, nothing was thrown");
}
