// `readystack/testing`: the readiness check as a Jest matcher. Importing this module registers
// `expect(stack).toBeReady()` with the global `expect`, when there is one (a Jest test file or setup file).
import type { ReadinessOptions } from "../readiness/readiness";
import { readinessMatchers } from "./to-be-ready";

export { readinessMatchers, toBeReady, type MatcherResult } from "./to-be-ready";
export { Readiness, type ReadinessOptions } from "../readiness/readiness";
export { ReadinessError } from "../errors";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * The stack passes the readiness check `cdktf synth` runs (`Testing.synth` skips it). Fails with the
       * message a failed synth prints, naming each rule, resource and what to change.
       * @param options the check's options; @default the options of the stack's `Readiness.check` (ReadyStack: strict)
       */
      toBeReady(options?: ReadinessOptions): R;
    }
  }
}

interface ExtensibleExpect {
  extend(matchers: Record<string, (this: unknown, received: unknown, ...args: never[]) => unknown>): void;
}

const globalExpect = (globalThis as { expect?: Partial<ExtensibleExpect> }).expect;
if (globalExpect !== undefined && typeof globalExpect.extend === "function") {
  globalExpect.extend(readinessMatchers);
}
