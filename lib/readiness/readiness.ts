import { join, relative, resolve, sep } from "path";
import { App, TerraformAsset, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { ReadystackConfigError } from "../errors";
import { METADATA_KEY } from "../k8s/metadata";
import { blockingFindings, defaultRules, MIN_WAIVER_REASON, runReadiness } from "./engine";
import { renderConsole, shouldColor } from "./reports/console";
import { findingLine } from "./reports/format";
import { renderJson } from "./reports/json";
import { renderMarkdown } from "./reports/markdown";
import { renderSarif } from "./reports/sarif";
import type { RenderOptions } from "./rehearsal/options";
import type { ReadinessResult } from "./result";
import { cdktfStringify } from "./stable-json";
import type { Rule, TerraformJson, Waiver } from "./types";
import { writeFileAtomic } from "./write-atomic";

/** A report file Readiness writes beside the stack's cdk.tf.json. */
export type ReportFormat = "json" | "markdown" | "sarif";

/** File name of each report. */
export const REPORT_FILES: Record<ReportFormat, string> = {
  json: "readiness.json",
  markdown: "readiness.md",
  sarif: "readiness.sarif",
};

/** Options of {@link Readiness.check}. */
export interface ReadinessOptions {
  /**
   * Recommended rules fail synth too.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * The rules to run (replaces the built-in set).
   * @default ALL_RULES (lib/readiness/rules)
   */
  readonly rules?: readonly Rule[];
  /**
   * Rules to run in addition to `rules` (your own rules).
   * @default []
   */
  readonly extraRules?: readonly Rule[];
  /**
   * Reports to write beside cdk.tf.json (`stacks/<stack>/readiness.{json,md,sarif}`).
   * @default ["json", "markdown", "sarif"]
   */
  readonly reports?: readonly ReportFormat[];
  /**
   * Don't print the scorecard at synth.
   * @default false
   */
  readonly quiet?: boolean;
  /**
   * Render every helm_release with the real Helm first (the deploy rehearsal) and check the rendered objects too.
   * Local chart paths are resolved from the stack's output directory.
   * @default no rendering
   */
  readonly render?: RenderOptions;
}

/** Where Readiness records the waivers it was given, per resource (and per stack for address-less findings). */
const waiverLists = new WeakMap<IConstruct, Waiver[]>();
/** Stacks that already have the readiness validation. */
const checkedStacks = new WeakSet<TerraformStack>();
/** The last result per stack, for tests and tools that want it without re-reading files. */
const lastResults = new WeakMap<TerraformStack, ReadinessResult>();

const ALL_REPORTS: readonly ReportFormat[] = ["json", "markdown", "sarif"];
/** The JSON a passing check resolved, waiting for the synthesizer's next toTerraform() call. */
const resolvedForSynthesizer = new WeakMap<TerraformStack, unknown>();

/**
 * cdktf's synthesizer resolves the stack again (`stack.toTerraform()`) right after the validations, to
 * write cdk.tf.json. Resolving is the costliest part of synth (bench/NOTES.md), so a passing check hands
 * the JSON it just resolved to that one next call; any later call resolves afresh. Nothing runs between
 * the validations and that call, and the engine never mutates the JSON. Returns the unwrapped resolver.
 */
function handOverResolvedJson(stack: TerraformStack): () => unknown {
  const resolve = stack.toTerraform.bind(stack);
  stack.toTerraform = (): ReturnType<TerraformStack["toTerraform"]> => {
    const handed = resolvedForSynthesizer.get(stack);
    if (handed === undefined) return resolve();
    resolvedForSynthesizer.delete(stack);
    return handed;
  };
  return resolve;
}

/** `stacks/<id>` under the app's outdir: where cdktf writes the stack's cdk.tf.json. */
function stackDirectory(stack: TerraformStack): string {
  return join(App.of(stack).outdir, "stacks", stack.node.id);
}

/** The cdk.tf.json path relative to the project root (cwd), with forward slashes; `stacks/<id>/cdk.tf.json` when outside it. */
function artifactUri(stack: TerraformStack, dir: string): string {
  const rel = relative(process.cwd(), join(dir, "cdk.tf.json"));
  if (rel.startsWith("..") || rel === "" || /^[A-Za-z]:/.test(rel) || rel.startsWith(sep)) {
    return `stacks/${stack.node.id}/cdk.tf.json`;
  }
  return rel.split(sep).join("/");
}

/**
 * The stack's directory assets (`./assets/<id>/<hash>` in the JSON) → their source directory. cdktf copies assets
 * into the output only after the validations ran, so a local chart is rendered from its source.
 */
function localChartSources(stack: TerraformStack): Record<string, string> {
  const out: Record<string, string> = {};
  for (const node of stack.node.findAll()) {
    if (!(node instanceof TerraformAsset)) continue;
    // sourcePath is private in cdktf's typings; it is the path the asset copies from (relative to the cwd).
    const source = (node as unknown as { sourcePath?: unknown }).sourcePath;
    if (typeof source !== "string") continue;
    out[`./${node.path}`] = resolve(source);
  }
  return out;
}

/** Write the reports for a result into a directory (atomically, each file whole or not at all). */
export function writeReports(result: ReadinessResult, dir: string, formats: readonly ReportFormat[] = ALL_REPORTS): string[] {
  const written: string[] = [];
  for (const format of formats) {
    const file = join(dir, REPORT_FILES[format]);
    const text = format === "json" ? renderJson(result) : format === "markdown" ? renderMarkdown(result) : renderSarif(result);
    writeFileAtomic(file, text);
    written.push(file);
  }
  return written;
}

/** The one synth error: a header, then one line per blocking finding. */
export function failureMessage(result: ReadinessResult): string {
  const blocking = blockingFindings(result);
  const s = result.scorecard;
  const header =
    `readiness check failed for stack ${result.stack ?? "(unnamed)"}: ${blocking.length} error finding(s) ` +
    `(mandatory ${s.mandatory.met}/${s.mandatory.total}, recommended ${s.recommended.met}/${s.recommended.total}` +
    `${result.strict ? ", strict" : ""}). Fix each, or waive it with Readiness.waive(construct, ruleId, reason):`;
  return [header, ...blocking.map((f) => `  - ${findingLine(f)}`)].join("\n");
}

/**
 * Attach readystack's readiness check to a stack and record waivers.
 *
 * ```ts
 * Readiness.check(stack, { strict: true });
 * Readiness.waive(legacyApi, "RS-HPA-MIN-REPLICAS", "single replica until the session store moves to Redis");
 * ```
 */
export class Readiness {
  /**
   * Fail synth of `stack` when a mandatory readiness rule (or, with `strict`, a recommended one) has an
   * unwaived finding. Runs as a stack validation (cdktf runs it during synth; `Testing.synth(stack, true)`
   * and `Testing.fullSynth(stack)` run it too), writes readiness.json/.md/.sarif beside the stack's
   * cdk.tf.json on pass and on fail, and prints a short scorecard. Calling it again on the same stack
   * does nothing: the first call's options hold.
   */
  public static check(stack: TerraformStack, options: ReadinessOptions = {}): void {
    if (checkedStacks.has(stack)) return;
    checkedStacks.add(stack);
    const resolveStack = handOverResolvedJson(stack);
    stack.node.addValidation({
      validate: () => {
        const json = resolveStack() as TerraformJson;
        const source = cdktfStringify(json);
        const dir = stackDirectory(stack);
        const rules = [...(options.rules ?? defaultRules()), ...(options.extraRules ?? [])];
        const result = runReadiness(json, {
          rules,
          strict: options.strict ?? false,
          source,
          stackName: stack.node.id,
          artifact: artifactUri(stack, dir),
          ...(options.render !== undefined
            ? { render: { baseDir: dir, localCharts: localChartSources(stack), ...options.render } }
            : {}),
        });
        lastResults.set(stack, result);
        writeReports(result, dir, options.reports ?? ALL_REPORTS);
        if (!(options.quiet ?? false)) {
          process.stdout.write(renderConsole(result, { color: shouldColor(process.stdout) }));
        }
        if (!result.passed) return [failureMessage(result)];
        resolvedForSynthesizer.set(stack, json);
        return [];
      },
    });
  }

  /**
   * Waive `ruleId` for `construct`: on the construct if it is a Terraform resource, else on every
   * Terraform resource below it (and, for a stack, on the stack itself, for findings that name no
   * resource). The waiver is written into each resource's `//.readystack.waivers` in cdk.tf.json, so the
   * CLI honours it, and every report lists it. A waiver that suppresses nothing fails the check.
   * @throws ReadystackConfigError when the reason is shorter than 10 characters, the rule id is empty, or
   *   there is no resource to waive.
   */
  public static waive(construct: IConstruct, ruleId: string, reason: string): void {
    const path = construct.node.path;
    if (typeof ruleId !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(ruleId)) {
      throw new ReadystackConfigError(path, "ruleId", ruleId, "a rule id such as RS-HPA-MIN-REPLICAS");
    }
    if (typeof reason !== "string" || reason.trim().length < MIN_WAIVER_REASON) {
      throw new ReadystackConfigError(path, "reason", reason, `a reason of at least ${MIN_WAIVER_REASON} characters`);
    }
    const targets: (TerraformResource | TerraformStack)[] = TerraformResource.isTerraformResource(construct)
      ? [construct]
      : construct.node.findAll().filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c));
    if (TerraformStack.isStack(construct)) targets.push(construct);
    if (targets.length === 0) {
      throw new ReadystackConfigError(path, "construct", path, "a construct with Terraform resources below it (waive after creating them)");
    }
    const waiver: Waiver = { ruleId, reason, scope: path };
    for (const target of targets) {
      const list = waiverLists.get(target) ?? [];
      if (list.some((w) => w.ruleId === ruleId && w.scope === path)) continue;
      list.push(waiver);
      waiverLists.set(target, list);
      // addOverride on the same path replaces the value, so the override always holds the whole list.
      target.addOverride(`//.${METADATA_KEY}.waivers`, list.map((w) => ({ ...w })));
    }
  }

  /** The result of the last readiness run of `stack` in this process, if it ran. */
  public static lastResult(stack: TerraformStack): ReadinessResult | undefined {
    return lastResults.get(stack);
  }
}
