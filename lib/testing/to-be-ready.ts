import { TerraformStack } from "cdktf";
import { ReadinessError } from "../errors";
import { Readiness, type ReadinessOptions } from "../readiness/readiness";

/** What a Jest matcher returns. */
export interface MatcherResult {
  /** Whether the expectation holds. */
  readonly pass: boolean;
  /** The message Jest prints when the expectation fails. */
  readonly message: () => string;
}

/**
 * `expect(stack).toBeReady(options?)`: the stack passes the readiness check `cdktf synth` runs
 * ({@link Readiness.assertReady}). On failure the message is the one a failed synth prints: one line per
 * unmet finding, with the rule id, the resource, the construct path and what to change.
 */
export function toBeReady(this: unknown, received: unknown, options?: ReadinessOptions): MatcherResult {
  if (!TerraformStack.isStack(received)) {
    const what = received === null ? "null" : typeof received === "object" ? (received.constructor?.name ?? "an object") : typeof received;
    return { pass: false, message: () => `expected a cdktf TerraformStack, got ${what}` };
  }
  try {
    Readiness.assertReady(received, options);
  } catch (error) {
    if (error instanceof ReadinessError) return { pass: false, message: () => error.message };
    throw error;
  }
  return { pass: true, message: () => `expected stack ${received.node.id} not to be ready, but it passes the readiness check` };
}

/** The matchers `readystack/testing` adds, for `expect.extend(readinessMatchers)`. */
export const readinessMatchers = { toBeReady };
