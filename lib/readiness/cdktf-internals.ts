/**
 * Every place readystack relies on cdktf beyond its public API, in one module. cdktf 0.21.0 is pinned (a peer
 * dependency of exactly that version) and is the project's last release, but each of these could still break
 * on another version: test/unit/cdktf-internals.test.ts exercises each one against the installed cdktf and
 * fails, naming the function, when one no longer behaves as relied on.
 *
 * - {@link onSynthesize}: cdktf offers no public hook for a construct to write a file beside its stack's
 *   cdk.tf.json; its own TerraformAsset uses `addCustomSynthesis`, exported only from a deep path.
 * - {@link assetSourcePath}: TerraformAsset keeps the path it copies from in a private field; the readiness
 *   check renders a local chart before cdktf copies the asset, so it needs that path.
 * - {@link handOverNextToTerraform}: the synthesizer calls `stack.toTerraform()` again right after the
 *   validations; a passing readiness check hands it the JSON it already resolved instead of resolving twice.
 * - {@link afterEverySynth}: nothing runs after `App.synth()` otherwise; readystack removes reports that a
 *   synth did not write (lib/readiness/stale-reports.ts).
 * @internal
 */
import { App, ISynthesisSession, TerraformAsset, TerraformStack } from "cdktf";
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import type { IConstruct } from "constructs";

/** The cdktf version these workarounds were written against and are tested with. */
export const CDKTF_VERSION = "0.21.0";

/** Run `write` when cdktf synthesizes `construct`'s stack, with the session (its outdir and manifest). */
export function onSynthesize(construct: IConstruct, write: (session: ISynthesisSession) => void): void {
  addCustomSynthesis(construct, { onSynthesize: write });
}

/** The path a TerraformAsset copies from (relative to the cwd, as cdktf keeps it), or undefined if unknown. */
export function assetSourcePath(asset: TerraformAsset): string | undefined {
  const source = (asset as unknown as { sourcePath?: unknown }).sourcePath;
  return typeof source === "string" ? source : undefined;
}

/**
 * Wrap `stack.toTerraform` so that, once `handed()` returns a value, the next call returns it instead of
 * resolving the stack again (and clears it through `taken`). Returns the unwrapped resolver.
 */
export function handOverNextToTerraform(stack: TerraformStack, handed: () => unknown, taken: () => void): () => unknown {
  const resolve = stack.toTerraform.bind(stack);
  stack.toTerraform = (): ReturnType<TerraformStack["toTerraform"]> => {
    const json = handed();
    if (json === undefined) return resolve();
    taken();
    return json;
  };
  return resolve;
}

let afterSynth: ((app: App) => void)[] | undefined;

/** Run `hook` at the end of every `App.synth()` in this process, after cdktf wrote the output. */
export function afterEverySynth(hook: (app: App) => void): void {
  if (afterSynth === undefined) {
    const hooks: ((app: App) => void)[] = [];
    afterSynth = hooks;
    const synth = App.prototype.synth;
    App.prototype.synth = function synthThenHooks(this: App): void {
      synth.call(this);
      for (const h of hooks) h(this);
    };
  }
  afterSynth.push(hook);
}
