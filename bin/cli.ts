/**
 * The `readystack` CLI: check an existing cdktf.out/ (or one cdk.tf.json) against the readiness rules.
 *
 *   readystack check [path] [--format table|json|markdown|sarif] [--output FILE|-] [--sarif-root DIR] [--strict]
 *                    [--pack readystack|kubernetes] [--only RULE,...] [--skip RULE,...] [--config FILE]
 *                    [--render [--charts-dir DIR] [--helm FILE] [--network]]
 *
 * Exit codes: 0 no error finding, 1 error findings, 2 bad input (one line on stderr, no stack trace).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "path";
import { parseArgs } from "util";
import { loadConfig } from "../lib/readiness/config/load";
import type { LoadedConfig } from "../lib/readiness/config/types";
import { ReadinessConfigError } from "../lib/readiness/config/validate";
import { defaultRules, runReadiness } from "../lib/readiness/engine";
import { PACK_NAMES, isPack, unknownRuleIds } from "../lib/readiness/packs";
import { TerraformInputError } from "../lib/readiness/input/errors";
import { isHclInput, loadTerraformInput, type LoadedTerraform } from "../lib/readiness/input/load";
import { renderConsole, shouldColor } from "../lib/readiness/reports/console";
import { renderCheckJson } from "../lib/readiness/reports/json";
import { renderMarkdown } from "../lib/readiness/reports/markdown";
import { renderSarifLog } from "../lib/readiness/reports/sarif";
import type { ReadinessResult } from "../lib/readiness/result";
import type { Rule, TerraformJson } from "../lib/readiness/types";
import { readystackVersion } from "../lib/readiness/version";
import { writeFileAtomic } from "../lib/readiness/write-atomic";

/** Output formats of `readystack check`. */
export const FORMATS = ["table", "json", "markdown", "sarif"] as const;
/** One output format. */
export type OutputFormat = (typeof FORMATS)[number];

/** Where the CLI reads and writes; injectable for tests. */
export interface CliIo {
  /** Standard output. */
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  /** Standard error. */
  readonly stderr: { write(text: string): unknown };
  /** Working directory paths are resolved against. */
  readonly cwd: string;
  /** Environment (NO_COLOR; READYSTACK_HELM, READYSTACK_CHARTS_DIR and PATH for --render). */
  readonly env: NodeJS.ProcessEnv;
  /** The rules to run; the built-in ones by default. */
  readonly rules?: readonly Rule[];
}

const USAGE = `Usage: readystack check [path] [options]

Check synthesized cdktf Terraform JSON against readystack's readiness rules.

Arguments:
  path                 a cdktf.out directory (every stacks/*/cdk.tf.json) or one cdk.tf.json file
                       (default: cdktf.out)

Options:
  -f, --format FORMAT  table (default), json, markdown or sarif
  -o, --output FILE    write the report to FILE (atomically; through a symbolic link, to its target)
                       instead of standard output; "-" is standard output
      --sarif-root DIR SARIF artifact URIs relative to DIR (uriBaseId %SRCROOT%) instead of
                       relative to the working directory
      --strict         recommended rules count as errors
      --pack NAME      the rules to run: readystack (the 11 criteria plus security) or kubernetes
                       (security and workload hygiene) (default: readystack for stacks built with
                       readystack, kubernetes otherwise)
      --only RULE,...  run only these rules
      --skip RULE,...  do not run these rules
      --config FILE    a JSON or YAML readiness config: pack, only, skip, rule options, role
                       selectors, waivers
      --render         render each helm_release with Helm first (the deploy rehearsal) and check
                       the rendered objects too
      --charts-dir DIR packaged charts (<chart>-<version>.tgz) to render from; implies --render
                       (default: READYSTACK_CHARTS_DIR)
      --helm FILE      the Helm binary (default: READYSTACK_HELM, then helm on PATH)
      --network        pull charts missing from the charts directory from their repository
  -h, --help           show this help
  -v, --version        show the version

Exit codes: 0 no error finding, 1 error findings, 2 bad input.
`;

/** Bad input: reported as one line, exit code 2. */
class InputError extends Error {}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** `Unexpected token } in JSON at position 42` → `... at line 3 column 5`. */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const m = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (!m) return oneLine(message);
  const position = Number(m[1]);
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return oneLine(`${message.slice(0, m.index)}${message.slice(m.index + m[0].length)} at line ${line} column ${column}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Why a parsed document is not Terraform JSON, or undefined when it is. */
function notTerraform(doc: unknown): string | undefined {
  if (!isRecord(doc)) return `not Terraform JSON (the top level is ${Array.isArray(doc) ? "an array" : doc === null ? "null" : typeof doc}, expected an object)`;
  if (!("resource" in doc) && !("terraform" in doc) && !("provider" in doc) && !("data" in doc) && !("module" in doc)) {
    return "not Terraform JSON (no resource, data, module, provider or terraform block)";
  }
  if ("resource" in doc) {
    const resource = doc.resource;
    if (!isRecord(resource)) return "not Terraform JSON (resource must be an object of resource types)";
    for (const [type, byName] of Object.entries(resource)) {
      if (!isRecord(byName)) return `not Terraform JSON (resource.${type} must be an object of named resources)`;
      for (const [name, body] of Object.entries(byName)) {
        if (!isRecord(body)) return `not Terraform JSON (resource.${type}.${name} must be an object)`;
      }
    }
  }
  return undefined;
}

/** A display path: relative to cwd when inside it. */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") ? path : rel;
}

/** The cdk.tf.json files a path names. */
function stackFiles(target: string, cwd: string): { file: string; stack?: string }[] {
  const shownTarget = shown(target, cwd);
  if (!existsSync(target)) throw new InputError(`${shownTarget}: no such file or directory`);
  const stat = statSync(target);
  if (stat.isFile()) return [{ file: target }];
  if (!stat.isDirectory()) throw new InputError(`${shownTarget}: not a file or directory`);
  const manifestPath = join(target, "manifest.json");
  if (existsSync(manifestPath)) {
    let manifest: unknown;
    const text = readFileSync(manifestPath, "utf8");
    try {
      manifest = JSON.parse(text);
    } catch (error) {
      throw new InputError(`${shown(manifestPath, cwd)}: not valid JSON (${describeJsonError(error, text)})`);
    }
    const stacks = isRecord(manifest) && isRecord(manifest.stacks) ? manifest.stacks : undefined;
    if (!stacks) throw new InputError(`${shown(manifestPath, cwd)}: not a cdktf manifest (no stacks object)`);
    const files: { file: string; stack: string }[] = [];
    for (const [name, entry] of Object.entries(stacks)) {
      const rel = isRecord(entry) && typeof entry.synthesizedStackPath === "string" ? entry.synthesizedStackPath : join("stacks", name, "cdk.tf.json");
      if (rel.endsWith(".json")) files.push({ file: join(target, rel), stack: name });
    }
    if (files.length === 0) throw new InputError(`${shownTarget}: the manifest lists no JSON stacks (synthesized with --hcl?)`);
    return files;
  }
  if (existsSync(join(target, "cdk.tf.json"))) return [{ file: join(target, "cdk.tf.json") }];
  const stacksDir = join(target, "stacks");
  const files: { file: string; stack: string }[] = [];
  if (existsSync(stacksDir) && statSync(stacksDir).isDirectory()) {
    for (const name of readdirSync(stacksDir).sort()) {
      const file = join(stacksDir, name, "cdk.tf.json");
      if (existsSync(file)) files.push({ file, stack: name });
    }
  }
  if (files.length === 0) throw new InputError(`${shownTarget}: no stacks found (expected stacks/*/cdk.tf.json; run cdktf synth first)`);
  return files;
}

function loadJson(file: string, cwd: string): { json: TerraformJson; source: string } {
  const name = shown(file, cwd);
  if (!existsSync(file)) throw new InputError(`${name}: no such file (listed in manifest.json)`);
  const source = readFileSync(file, "utf8");
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (error) {
    throw new InputError(`${name}: not valid JSON (${describeJsonError(error, source)})`);
  }
  const problem = notTerraform(doc);
  if (problem) throw new InputError(`${name}: ${problem}`);
  return { json: doc as TerraformJson, source };
}

/** Terraform written in HCL (.tf files, cdktf synth --hcl output), in cdk.tf.json's shape. */
function loadHcl(target: string, cwd: string): LoadedTerraform[] {
  try {
    return loadTerraformInput(target, { cwd });
  } catch (error) {
    throw error instanceof TerraformInputError ? new InputError(error.message) : error;
  }
}

function render(results: readonly ReadinessResult[], format: OutputFormat, color: boolean, sarifRoot: string | undefined): string {
  switch (format) {
    case "table":
      return results.map((r) => renderConsole(r, { color })).join("\n");
    case "json":
      return renderCheckJson(results);
    case "markdown":
      return results.map((r) => renderMarkdown(r)).join("\n");
    case "sarif":
      return renderSarifLog(results, sarifRoot !== undefined ? { root: sarifRoot } : {});
  }
}

/**
 * How a checked file is named in the reports: relative to `base` (the working directory, or --sarif-root)
 * with forward slashes when inside it, else its absolute path (SARIF writes that as a file: URI).
 */
function artifactPath(file: string, base: string): string {
  const rel = relative(base, file);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return file;
  return rel.split(sep).join("/");
}

/** A comma-separated rule list of a flag, each id checked against the rules. */
function ruleList(value: string | undefined, flag: string, rules: readonly Rule[]): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(",").map((id) => id.trim()).filter((id) => id !== "");
  if (ids.length === 0) throw new InputError(`${flag} needs one or more rule ids, comma-separated`);
  const unknown = unknownRuleIds(ids, rules);
  if (unknown.length > 0) {
    const known = rules.map((r) => r.id);
    const shownKnown = known.length <= 12 ? known.join(", ") : `${known.slice(0, 12).join(", ")}, ... (${known.length} in all)`;
    throw new InputError(`invalid ${flag} rule id "${unknown[0]}" (expected one of: ${shownKnown})`);
  }
  return ids;
}

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Run the CLI with `argv` (without node and script). Returns the exit code. */
export function main(argv: readonly string[], io: CliIo = defaultIo()): number {
  try {
    return run(argv, io);
  } catch (error) {
    if (error instanceof InputError || error instanceof ReadinessConfigError) {
      io.stderr.write(`readystack: ${oneLine(error.message)}\n`);
      return 2;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr.write(`readystack: internal error: ${oneLine(message)}\n`);
    return 2;
  }
}

function run(argv: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        output: { type: "string", short: "o" },
        "sarif-root": { type: "string" },
        strict: { type: "boolean" },
        pack: { type: "string" },
        only: { type: "string" },
        skip: { type: "string" },
        config: { type: "string" },
        render: { type: "boolean" },
        "charts-dir": { type: "string" },
        helm: { type: "string" },
        network: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`${oneLine(message.split(". To specify a positional")[0])} (see readystack --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${readystackVersion()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === undefined) throw new InputError("missing command (usage: readystack check [path] [--format FORMAT] [--output FILE] [--strict] [--pack NAME] [--only RULES] [--skip RULES] [--config FILE])");
  if (command !== "check") throw new InputError(`unknown command "${command}" (expected: check)`);
  if (rest.length > 1) throw new InputError(`check takes one path, got ${rest.length}: ${rest.join(" ")}`);
  const format = (values.format ?? "table") as OutputFormat;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new InputError(`invalid --format "${values.format}" (expected one of: ${FORMATS.join(", ")})`);
  }
  if (values.output !== undefined && values.output.trim() === "") throw new InputError("--output needs a file name (or - for standard output)");
  const sarifRootFlag = values["sarif-root"];
  if (sarifRootFlag !== undefined && sarifRootFlag.trim() === "") throw new InputError("--sarif-root needs a directory");
  const sarifRoot = sarifRootFlag !== undefined ? resolve(io.cwd, sarifRootFlag) : undefined;
  if (sarifRoot !== undefined && !(existsSync(sarifRoot) && statSync(sarifRoot).isDirectory())) {
    throw new InputError(`--sarif-root ${sarifRootFlag as string}: not a directory`);
  }

  const rules = io.rules ?? defaultRules();
  if (values.pack !== undefined && !isPack(values.pack)) {
    throw new InputError(`invalid --pack "${values.pack}" (expected one of: ${PACK_NAMES.join(", ")})`);
  }
  const only = ruleList(values.only, "--only", rules);
  const skip = ruleList(values.skip, "--skip", rules);
  let config: LoadedConfig | undefined;
  if (values.config !== undefined) {
    if (values.config.trim() === "") throw new InputError("--config needs a file name");
    config = loadConfig(resolve(io.cwd, values.config), rules, values.config);
  }
  const pack = values.pack !== undefined && isPack(values.pack) ? values.pack : config?.config.pack ?? (only === undefined && config?.config.only === undefined ? "detect" : undefined);

  const renderRequested = values.render === true || values["charts-dir"] !== undefined || values.network === true;
  let chartsDir: string | undefined;
  if (values["charts-dir"] !== undefined) {
    chartsDir = resolve(io.cwd, values["charts-dir"]);
    if (!existsSync(chartsDir) || !statSync(chartsDir).isDirectory()) {
      throw new InputError(`--charts-dir ${values["charts-dir"]}: not a directory (expected a folder of <chart>-<version>.tgz packages)`);
    }
  }
  const helmPath = values.helm !== undefined ? resolve(io.cwd, values.helm) : undefined;

  const target = resolve(io.cwd, rest[0] ?? "cdktf.out");
  const loaded = isHclInput(target) ? loadHcl(target, io.cwd) : stackFiles(target, io.cwd).map((f) => ({ ...f, ...loadJson(f.file, io.cwd) }));
  const results = loaded.map((input) => {
    const { file, stack, json, source } = input;
    const locations = "locations" in input ? input.locations : undefined;
    const base = format === "sarif" && sarifRoot !== undefined ? sarifRoot : io.cwd;
    const artifact = artifactPath(file, base);
    if (base === sarifRoot && artifact === file) {
      throw new InputError(`--sarif-root ${sarifRootFlag as string}: does not contain ${shown(file, io.cwd)}`);
    }
    return runReadiness(json, {
      rules,
      strict: values.strict ?? false,
      source,
      artifact,
      // HCL: each finding points at the .tf file and line its resource is written at.
      ...(locations !== undefined && locations.size > 0
        ? { locations: new Map([...locations].map(([address, at]) => [address, { artifact: artifactPath(at.file, base), line: at.line }])) }
        : {}),
      ...(pack !== undefined ? { pack } : {}),
      ...(only !== undefined ? { only } : {}),
      ...(skip !== undefined ? { skip } : {}),
      ...(config !== undefined ? { config: config.config, configSource: config.source ?? values.config } : {}),
      ...(stack !== undefined ? { stackName: stack } : {}),
      ...(renderRequested
        ? {
            render: {
              baseDir: dirname(file),
              env: io.env,
              network: values.network === true,
              ...(chartsDir !== undefined ? { chartsDir } : {}),
              ...(helmPath !== undefined ? { helm: helmPath } : {}),
            },
          }
        : {}),
    });
  });

  const toFile = values.output !== undefined && values.output !== "-";
  const output = render(results, format, !toFile && format === "table" && shouldColor(io.stdout, io.env), sarifRoot);
  if (toFile) {
    const target = resolve(io.cwd, values.output as string);
    try {
      writeFileAtomic(target, output);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        code === "EISDIR" ? "is a directory" : code === "ENOENT" ? "its folder does not exist" : code === "EACCES" ? "permission denied" : code === "ELOOP" ? "too many levels of symbolic links" : (e as Error).message;
      throw new InputError(`--output ${values.output as string}: cannot write the report (${why})`);
    }
  } else {
    io.stdout.write(output);
  }
  return results.every((r) => r.passed) ? 0 : 1;
}
