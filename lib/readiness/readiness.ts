import { join, relative, resolve, sep } from "path";
import { App, TerraformAsset, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { ReadinessError, ReadystackConfigError } from "../errors";
import { METADATA_KEY } from "../k8s/metadata";
import { loadConfig } from "./config/load";
import type { LoadedConfig, ReadinessConfig } from "./config/types";
import { validateConfig } from "./config/validate";
import { blockingFindings, defaultRules, MIN_WAIVER_REASON, runReadiness } from "./engine";
import { PACK_NAMES, isPack, unknownRuleIds } from "./packs";
import { renderConsole, shouldColor } from "./reports/console";
import { countText, findingLine } from "./reports/format";
import { renderJson } from "./reports/json";
import { renderMarkdown } from "./reports/markdown";
import { renderSarif } from "./reports/sarif";
import type { RenderOptions } from "./rehearsal/options";
import type { ReadinessResult } from "./result";
import { assetSourcePath, handOverNextToTerraform } from "./cdktf-internals";
import { cdktfStringify } from "./stable-json";
import { cleanStaleReportsAfterSynth, recordReport, stackDirectory } from "./stale-reports";
import type { Rule, RulePack, TerraformJson, Waiver } from "./types";
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
   * The rule pack: `readystack` (the 11 criteria plus security) or `kubernetes` (security and workload hygiene).
   * @default the config's pack; else, with the built-in rules, readystack for stacks built with readystack's
   *   constructs and kubernetes otherwise; with `rules` given, every given rule
   */
  readonly pack?: RulePack;
  /**
   * Only these rule ids run.
   * @default every rule of the pack
   */
  readonly only?: readonly string[];
  /**
   * These rule ids do not run.
   * @default none
   */
  readonly skip?: readonly string[];
  /**
   * A readiness config (pack, only/skip, rule options, role selectors, waivers): the object, or the path of a JSON
   * or YAML file (relative to the working directory). Validated when `check` is called.
   * @default no config
   */
  readonly config?: ReadinessConfig | string;
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

/** Options of {@link Readiness.waive}. */
export interface WaiveOptions {
  /**
   * Waive only the findings on this one object, `Kind/namespace/name` (or `Kind/name` for a cluster-scoped
   * object), e.g. `DaemonSet/logging/promtail` for a manifest a Helm release renders.
   * @default every finding of the rule on the construct's resources
   */
  readonly objectRef?: string;
}

/** Where Readiness records the waivers it was given, per resource (and per stack for address-less findings). */
const waiverLists = new WeakMap<IConstruct, Waiver[]>();
/** Stacks that already have the readiness validation. */
const checkedStacks = new WeakSet<TerraformStack>();
/** The options each stack's check was attached with, so assertReady runs the very same check. */
const checkOptions = new WeakMap<TerraformStack, ReadinessOptions>();
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
  return handOverNextToTerraform(stack, () => resolvedForSynthesizer.get(stack), () => resolvedForSynthesizer.delete(stack));
}

cleanStaleReportsAfterSynth();

/** The file cdktf writes the stack into: cdk.tf.json, or cdk.tf under `cdktf synth --hcl`. */
function synthesizedFile(stack: TerraformStack): string {
  return App.of(stack).hclOutput ? "cdk.tf" : "cdk.tf.json";
}

/** The synthesized file's path relative to the project root (cwd), with forward slashes; `stacks/<id>/<file>` when outside it. */
function artifactUri(stack: TerraformStack, dir: string): string {
  const file = synthesizedFile(stack);
  const rel = relative(process.cwd(), join(dir, file));
  if (rel.startsWith("..") || rel === "" || /^[A-Za-z]:/.test(rel) || rel.startsWith(sep)) {
    return `stacks/${stack.node.id}/${file}`;
  }
  return rel.split(sep).join("/");
}

/** Run the rules of `options` over the stack's resolved JSON. */
function evaluate(stack: TerraformStack, json: TerraformJson, options: ReadinessOptions, artifact: string): ReadinessResult {
  const loaded = loadedConfigOf(stack, options);
  const result = runReadiness(json, {
    ...(options.rules !== undefined ? { rules: options.rules } : {}),
    ...(options.extraRules !== undefined ? { extraRules: options.extraRules } : {}),
    ...(options.pack !== undefined ? { pack: options.pack } : {}),
    ...(options.only !== undefined ? { only: options.only } : {}),
    ...(options.skip !== undefined ? { skip: options.skip } : {}),
    ...(loaded !== undefined ? { config: loaded.config, ...(loaded.source !== undefined ? { configSource: loaded.source } : {}) } : {}),
    strict: options.strict ?? false,
    // Finding lines point into cdk.tf.json; under --hcl the file is cdk.tf, whose lines differ: give none.
    ...(App.of(stack).hclOutput ? {} : { source: cdktfStringify(json) }),
    stackName: stack.node.id,
    artifact,
    ...(options.render !== undefined
      ? { render: { baseDir: stackDirectory(stack), localCharts: localChartSources(stack), ...options.render } }
      : {}),
  });
  lastResults.set(stack, result);
  return result;
}

/** The readiness config of `options` (a file path or an object), validated against the rules it may name. */
function loadedConfigOf(stack: TerraformStack, options: ReadinessOptions): LoadedConfig | undefined {
  if (options.config === undefined) return undefined;
  const available = [...(options.rules ?? defaultRules()), ...(options.extraRules ?? [])];
  return typeof options.config === "string"
    ? loadConfig(resolve(options.config), available, options.config)
    : { config: validateConfig(options.config, available, `${stack.node.path} config`) };
}

/**
 * The stack's directory assets (`./assets/<id>/<hash>` in the JSON) → their source directory. cdktf copies assets
 * into the output only after the validations ran, so a local chart is rendered from its source.
 */
function localChartSources(stack: TerraformStack): Record<string, string> {
  const out: Record<string, string> = {};
  for (const node of stack.node.findAll()) {
    if (!(node instanceof TerraformAsset)) continue;
    const source = assetSourcePath(node);
    if (source === undefined) continue;
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
    `(mandatory ${countText(s.mandatory)}, recommended ${countText(s.recommended)}` +
    `${result.strict ? ", strict" : ""}). Fix each, or waive it with Readiness.waive(construct, ruleId, reason):`;
  return [header, ...blocking.map((f) => `  - ${findingLine(f)}`)].join("\n");
}

/**
 * Attach readystack's readiness check to a stack and record waivers.
 *
 * ```ts
 * Readiness.check(stack, { strict: true });
 * Readiness.waive(legacyApi, "RS-HPA-REPLICAS", "single replica until the session store moves to Redis");
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
    const available = [...(options.rules ?? defaultRules()), ...(options.extraRules ?? [])];
    const path = stack.node.path;
    loadedConfigOf(stack, options); // a bad config throws here, when check() is called, not at synth
    for (const [field, ids] of [["only", options.only], ["skip", options.skip]] as const) {
      const unknown = unknownRuleIds(ids ?? [], available);
      if (unknown.length > 0) {
        throw new ReadystackConfigError(path, field, unknown[0], `rule ids, each one of ${available.map((r) => r.id).join(", ")}`);
      }
    }
    if (options.pack !== undefined && !isPack(options.pack)) {
      throw new ReadystackConfigError(path, "pack", options.pack, `one of ${PACK_NAMES.join(", ")}`);
    }
    checkedStacks.add(stack);
    checkOptions.set(stack, options);
    const resolveStack = handOverResolvedJson(stack);
    stack.node.addValidation({
      validate: () => {
        const json = resolveStack() as TerraformJson;
        const dir = stackDirectory(stack);
        const result = evaluate(stack, json, options, artifactUri(stack, dir));
        for (const file of writeReports(result, dir, options.reports ?? ALL_REPORTS)) recordReport(dir, file);
        if (!(options.quiet ?? false)) {
          process.stdout.write(renderConsole(result, { color: shouldColor(process.stdout) }));
        }
        // Thrown rather than returned: cdktf would wrap a returned message in an Error of its own, whose
        // stack trace (cdktf's frames) node prints after it. A ReadinessError prints its message alone.
        if (!result.passed) throw new ReadinessError(failureMessage(result), result);
        resolvedForSynthesizer.set(stack, json);
        return [];
      },
    });
  }

  /**
   * Run the readiness check synth runs, now, and throw when it fails: for unit tests, where cdktf's
   * `Testing.synth(stack)` skips validations. Uses the options the stack's {@link Readiness.check} was
   * given (ReadyStack: strict), unless `options` are passed. Writes no report and prints nothing.
   * @returns the result when the stack is ready.
   * @throws ReadinessError with the message a failed synth prints (one line per finding, naming what to change).
   */
  public static assertReady(stack: TerraformStack, options?: ReadinessOptions): ReadinessResult {
    const effective = options ?? checkOptions.get(stack) ?? {};
    const json = stack.toTerraform() as TerraformJson;
    const result = evaluate(stack, json, effective, artifactUri(stack, stackDirectory(stack)));
    if (!result.passed) throw new ReadinessError(failureMessage(result), result);
    return result;
  }

  /**
   * Waive `ruleId` for `construct`: on the construct if it is a Terraform resource, else on every
   * Terraform resource below it (and, for a stack, on the stack itself, for findings that name no
   * resource). The waiver is written into each resource's `//.readystack.waivers` in cdk.tf.json, so the
   * CLI honours it, and every report lists it. A waiver that suppresses nothing fails the check.
   *
   * With `options.objectRef` (`Kind/namespace/name`, e.g. `DaemonSet/logging/promtail`) the waiver covers only
   * the findings on that one object: a manifest a Helm release renders, or a manifest of a kubernetes_manifest.
   * @throws ReadystackConfigError when the reason is shorter than 10 characters, the rule id is empty, the
   *   objectRef is not `Kind/name` or `Kind/namespace/name`, or there is no resource to waive.
   */
  public static waive(construct: IConstruct, ruleId: string, reason: string, options: WaiveOptions = {}): void {
    const path = construct.node.path;
    if (typeof ruleId !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(ruleId)) {
      throw new ReadystackConfigError(path, "ruleId", ruleId, "a rule id such as RS-HPA-REPLICAS");
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
    const objectRef = options.objectRef;
    if (objectRef !== undefined && (typeof objectRef !== "string" || !/^[A-Za-z0-9]+\/[^/\s]+(\/[^/\s]+)?$/.test(objectRef))) {
      throw new ReadystackConfigError(path, "objectRef", objectRef, "Kind/namespace/name or Kind/name of one object, such as DaemonSet/logging/promtail");
    }
    const waiver: Waiver = { ruleId, reason, scope: path, ...(objectRef !== undefined ? { objectRef } : {}) };
    for (const target of targets) {
      const list = waiverLists.get(target) ?? [];
      if (list.some((w) => w.ruleId === ruleId && w.scope === path && w.objectRef === objectRef)) continue;
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
