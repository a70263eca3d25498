/**
 * Parse Terraform HCL (.tf) text into hcl2json's JSON form with `@cdktf/hcl2json` (HashiCorp's HCL parser
 * compiled to WebAssembly, the one `cdktf convert` uses).
 *
 * hcl2json only has an asynchronous API and starts its WebAssembly runtime when first required. The CLI
 * and the engine are synchronous, so the parse runs in a short-lived Node child process: one process for
 * all files, the runtime never loaded into the caller, and nothing to do for inputs that are JSON.
 */
import { execFileSync } from "child_process";

/** One `.tf` text to parse. */
export interface HclSource {
  /** File name shown in parse errors. */
  readonly file: string;
  /** The HCL text. */
  readonly text: string;
}

/** The result for one file: hcl2json's document, or its parse error. */
export type HclParseResult = { readonly ok: true; readonly doc: Record<string, unknown> } | { readonly ok: false; readonly error: string };

// Runs in the child: read [{file,text}] on stdin, write [{ok,doc}|{ok:false,error}] on stdout.
const CHILD = `
const { parse } = require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const out = [];
  for (const { file, text } of JSON.parse(input)) {
    try { out.push({ ok: true, doc: await parse(file, text) }); }
    catch (error) { out.push({ ok: false, error: String(error && error.message ? error.message : error) }); }
  }
  process.stdout.write(JSON.stringify(out));
});
`;

/** The longest a parse may take before it is reported as failed (a loaded machine needs a few seconds). */
const PARSE_TIMEOUT_MS = 300_000;

/** Parse every source, in order. Throws an Error (not a TerraformInputError) when the parser cannot run at all. */
export function parseHclSources(sources: readonly HclSource[]): HclParseResult[] {
  if (sources.length === 0) return [];
  const modulePath = require.resolve("@cdktf/hcl2json");
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, ["-e", CHILD, modulePath], {
      input: JSON.stringify(sources),
      encoding: "utf8",
      maxBuffer: 1024 * 1024 * 1024,
      timeout: PARSE_TIMEOUT_MS,
      stdio: ["pipe", "pipe", "pipe"],
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string; signal?: string };
    const detail = e.signal ? `killed by ${e.signal}` : (e.stderr ?? "").trim().split("\n").slice(-1)[0] || e.message;
    throw new Error(`the HCL parser (@cdktf/hcl2json) could not run: ${detail}`);
  }
  const parsed = JSON.parse(stdout) as HclParseResult[];
  if (!Array.isArray(parsed) || parsed.length !== sources.length) throw new Error("the HCL parser (@cdktf/hcl2json) returned an unexpected result");
  return parsed;
}

/** hcl2json's `parse config: [file.tf:2,7-3,1: Summary; Detail.]` → line 2 and `Summary; Detail.` for the first diagnostic. */
export function describeHclError(message: string, file: string): { line?: number; problem: string } {
  const inner = message.replace(/^parse config:\s*\[/, "").replace(/\]\s*$/, "");
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?:\\s*([^]*?)(?=\\s+\\S+\\.tf:\\d+,\\d+|$)`).exec(inner);
  if (!m) return { problem: inner.replace(/\s+/g, " ").trim() };
  return { line: Number(m[1]), problem: `column ${m[2]}: ${m[3].replace(/\s+/g, " ").trim()}` };
}
