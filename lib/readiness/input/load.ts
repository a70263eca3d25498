/**
 * Load what `readystack check` is pointed at into Terraform JSON in cdk.tf.json's shape: a cdktf.out
 * directory (JSON or `cdktf synth --hcl`), one stack directory, one cdk.tf.json, a directory of
 * Terraform `.tf` (and `.tf.json`) files, or one `.tf` file. Plain Terraform is parsed with
 * `@cdktf/hcl2json` and merged file by file as Terraform merges a module's files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { basename, join, relative } from "path";
import type { TerraformJson } from "../types";
import { ACCEPTED_INPUT, TerraformInputError } from "./errors";
import { describeHclError, parseHclSources, type HclParseResult } from "./hcl-to-json";
import { hclResourceLines } from "./hcl-lines";
import { asTerraformJson, mergeHclDocument, type Origins } from "./normalize-hcl";

/** The form a configuration was written in. */
export type InputFormat = "cdk.tf.json" | "hcl";

/** Where a resource is written. */
export interface SourceLocation {
  /** The file (absolute path). */
  readonly file: string;
  /** 1-based line of the resource's block (HCL) or key (JSON). */
  readonly line: number;
}

/** One configuration, ready for `runReadiness`. */
export interface LoadedTerraform {
  /** The configuration in cdk.tf.json's shape. */
  readonly json: TerraformJson;
  /** The JSON text, when the input is one JSON file (the engine reads resource lines from it). */
  readonly source?: string;
  /** The file read, or for several `.tf` files their directory (absolute path). */
  readonly file: string;
  /** Every file read (absolute paths), in the order merged. */
  readonly files: readonly string[];
  /** Whether the configuration was JSON or HCL. */
  readonly format: InputFormat;
  /** The stack name, for a stack of a cdktf.out directory. */
  readonly stack?: string;
  /** For HCL: where each resource (`type.name`, `data.type.name`) is written. Empty for JSON. */
  readonly locations: ReadonlyMap<string, SourceLocation>;
}

/** Options of {@link loadTerraformInput}. */
export interface LoadOptions {
  /**
   * Directory that paths in error messages are shown relative to.
   * @default process.cwd()
   */
  readonly cwd?: string;
}

/** One configuration to load: JSON files or HCL files. */
interface Planned {
  readonly format: InputFormat;
  readonly files: readonly string[];
  readonly file: string;
  readonly stack?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") ? path : rel;
}

function isTfFile(name: string): boolean {
  return name.endsWith(".tf") || name.endsWith(".tf.json");
}

/** The `.tf`/`.tf.json` files of a directory (a Terraform module's files), sorted as Terraform reads them. */
function moduleFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => isTfFile(name) && !name.startsWith(".") && statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => join(dir, name));
}

/** What to load for one stack directory (cdktf's stacks/<name>/), or undefined when it holds no stack file. */
function stackDir(dir: string, stack?: string): Planned | undefined {
  const json = join(dir, "cdk.tf.json");
  if (existsSync(json)) return { format: "cdk.tf.json", files: [json], file: json, ...(stack !== undefined ? { stack } : {}) };
  const hcl = join(dir, "cdk.tf");
  if (existsSync(hcl)) return { format: "hcl", files: [hcl], file: hcl, ...(stack !== undefined ? { stack } : {}) };
  return undefined;
}

function readManifest(target: string, cwd: string): Planned[] {
  const path = join(target, "manifest.json");
  const text = readFileSync(path, "utf8");
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new TerraformInputError(shown(path, cwd), `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const stacks = isRecord(manifest) && isRecord(manifest.stacks) ? manifest.stacks : undefined;
  if (!stacks) throw new TerraformInputError(shown(path, cwd), "not a cdktf manifest (no stacks object)");
  const planned: Planned[] = [];
  for (const [name, entry] of Object.entries(stacks)) {
    const rel = isRecord(entry) && typeof entry.synthesizedStackPath === "string" ? entry.synthesizedStackPath : join("stacks", name, "cdk.tf.json");
    const file = join(target, rel);
    if (!existsSync(file)) throw new TerraformInputError(shown(file, cwd), "no such file (listed in manifest.json)");
    planned.push({ format: file.endsWith(".json") ? "cdk.tf.json" : "hcl", files: [file], file, stack: name });
  }
  if (planned.length === 0) throw new TerraformInputError(shown(path, cwd), "the manifest lists no stacks");
  return planned;
}

/** What a path names: one or more configurations, each JSON or HCL. Throws TerraformInputError. */
function plan(target: string, cwd: string): Planned[] {
  const name = shown(target, cwd);
  if (!existsSync(target)) throw new TerraformInputError(name, `no such file or directory (expected ${ACCEPTED_INPUT})`);
  const stat = statSync(target);
  if (stat.isFile()) {
    if (target.endsWith(".tf")) return [{ format: "hcl", files: [target], file: target }];
    return [{ format: "cdk.tf.json", files: [target], file: target }];
  }
  if (!stat.isDirectory()) throw new TerraformInputError(name, `not a file or directory (expected ${ACCEPTED_INPUT})`);
  if (existsSync(join(target, "manifest.json"))) return readManifest(target, cwd);
  const here = stackDir(target);
  if (here) return [here];
  const stacksDir = join(target, "stacks");
  if (existsSync(stacksDir) && statSync(stacksDir).isDirectory()) {
    const stacks = readdirSync(stacksDir)
      .sort()
      .map((stack) => stackDir(join(stacksDir, stack), stack))
      .filter((p): p is Planned => p !== undefined);
    if (stacks.length > 0) return stacks;
  }
  const files = moduleFiles(target);
  if (files.length > 0) return [{ format: "hcl", files, file: target }];
  throw new TerraformInputError(name, `no stacks found and no Terraform files (expected ${ACCEPTED_INPUT})`);
}

/**
 * Whether a path is (or holds) Terraform written in HCL: the configurations `readystack check` parses
 * with hcl2json rather than reading as JSON. False for JSON inputs and for paths that name nothing loadable.
 */
export function isHclInput(target: string): boolean {
  try {
    return plan(target, process.cwd()).some((p) => p.format === "hcl");
  } catch {
    // Whatever cannot be planned is not HCL; the caller's own reading reports the problem.
    return false;
  }
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const m = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (!m) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split("\n").length;
  const column = Number(m[1]) - before.lastIndexOf("\n");
  return `${message.slice(0, m.index)}${message.slice(m.index + m[0].length)} at line ${line} column ${column}`;
}

function parseJsonFile(file: string, cwd: string): { doc: Record<string, unknown>; text: string } {
  const text = readFileSync(file, "utf8");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new TerraformInputError(shown(file, cwd), `not valid JSON (${describeJsonError(error, text)})`);
  }
  if (!isRecord(doc)) throw new TerraformInputError(shown(file, cwd), `not Terraform JSON (the top level is ${Array.isArray(doc) ? "an array" : doc === null ? "null" : typeof doc}, expected an object)`);
  return { doc, text };
}

function loadJson(p: Planned, cwd: string): LoadedTerraform {
  const { doc, text } = parseJsonFile(p.file, cwd);
  if (!["resource", "terraform", "provider", "data", "module"].some((k) => k in doc)) {
    throw new TerraformInputError(shown(p.file, cwd), "not Terraform JSON (no resource, data, module, provider or terraform block)");
  }
  return { json: doc as TerraformJson, source: text, file: p.file, files: p.files, format: "cdk.tf.json", locations: new Map(), ...(p.stack !== undefined ? { stack: p.stack } : {}) };
}

/** Terraform's override files (`override.tf`, `*_override.tf`) merge last, replacing attributes. */
function isOverride(file: string): boolean {
  const name = basename(file).replace(/\.json$/, "");
  return name === "override.tf" || name.endsWith("_override.tf");
}

/** A `.tf` file's text and hcl2json's result for it. */
interface ParsedHcl {
  readonly text: string;
  readonly result: HclParseResult;
}

/** Parse every `.tf` file of every planned configuration in one parser run. */
function parseAll(plans: readonly Planned[]): Map<string, ParsedHcl> {
  const files = [...new Set(plans.filter((p) => p.format === "hcl").flatMap((p) => p.files.filter((f) => f.endsWith(".tf"))))];
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const results = parseHclSources(files.map((f, i) => ({ file: basename(f), text: texts[i] })));
  return new Map(files.map((f, i) => [f, { text: texts[i], result: results[i] }]));
}

function loadHcl(p: Planned, parsed: ReadonlyMap<string, ParsedHcl>, cwd: string): LoadedTerraform {
  const ordered = [...p.files.filter((f) => !isOverride(f)), ...p.files.filter(isOverride)];
  const merged: Record<string, unknown> = {};
  const origins: Origins = new Map();
  const locations = new Map<string, SourceLocation>();
  for (const file of ordered) {
    let doc: Record<string, unknown>;
    if (file.endsWith(".tf")) {
      const entry = parsed.get(file);
      if (!entry || !entry.result.ok) {
        const { line, problem } = describeHclError(entry && !entry.result.ok ? entry.result.error : "no result", basename(file));
        throw new TerraformInputError(shown(file, cwd), `not valid Terraform HCL (${problem})`, line);
      }
      doc = entry.result.doc;
      for (const [address, line] of hclResourceLines(entry.text)) if (!locations.has(address)) locations.set(address, { file, line });
    } else {
      doc = parseJsonFile(file, cwd).doc;
    }
    mergeHclDocument(merged, doc, shown(file, cwd), origins, isOverride(file));
  }
  return { json: asTerraformJson(merged), file: p.file, files: ordered, format: "hcl", locations, ...(p.stack !== undefined ? { stack: p.stack } : {}) };
}

/**
 * Load every configuration a path names. Bad input (nothing loadable, invalid JSON or HCL, a name declared
 * twice) throws a {@link TerraformInputError} naming the file, the line when known, and what is accepted.
 */
export function loadTerraformInput(target: string, options: LoadOptions = {}): LoadedTerraform[] {
  return loadTerraformInputs([target], options);
}

/**
 * {@link loadTerraformInput} for several paths, in order, with one HCL parser run for all of them
 * (starting the parser costs seconds; parsing is fast).
 */
export function loadTerraformInputs(targets: readonly string[], options: LoadOptions = {}): LoadedTerraform[] {
  const cwd = options.cwd ?? process.cwd();
  let current = targets[0] ?? cwd;
  try {
    const plans = targets.flatMap((target) => plan((current = target), cwd));
    const parsed = parseAll(plans);
    return plans.map((p) => {
      current = p.file;
      return p.format === "hcl" ? loadHcl(p, parsed, cwd) : loadJson(p, cwd);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof TerraformInputError || typeof code !== "string") throw error;
    // A file system error (EACCES, EISDIR, ENAMETOOLONG...) is bad input, not a crash.
    throw new TerraformInputError(shown((error as NodeJS.ErrnoException).path ?? current, cwd), `cannot be read (${code})`);
  }
}
