/**
 * Shared machinery of the fuzz suite: tagged prop generators (each field knows whether it was generated
 * valid or invalid), and the one property every construct must satisfy:
 *
 *   construction + `stack.toTerraform()` either succeeds with clean JSON (no undefined, NaN, Infinity,
 *   no secret literal) or throws a ReadystackConfigError whose message names the construct path and the
 *   field — never a TypeError/RangeError. On top: a field generated invalid must be rejected, and a
 *   rejection must name a field that was generated invalid (or a known cross-field relation).
 */
import * as fc from "fast-check";
import { App, TerraformStack } from "cdktf";
import { ReadystackConfigError } from "../../lib/errors";
import { findSecretLiterals } from "../security/secret-scan";

/** At least this many generated prop sets per construct (the issue asks for 1,000). */
export const FUZZ_RUNS = 1000;

/**
 * The seed every fuzz property uses under CI=true, so a CI verdict is reproducible and a red build is never a roll
 * of the dice; elsewhere each run draws a fresh seed (fast-check prints it with any counterexample) and keeps
 * exploring. FUZZ_SEED overrides both.
 */
export const CI_FUZZ_SEED = 20261129;

function fuzzSeed(): number | undefined {
  const fromEnv = process.env.FUZZ_SEED;
  if (fromEnv !== undefined && fromEnv !== "") return Number(fromEnv);
  return process.env.CI === "true" ? CI_FUZZ_SEED : undefined;
}

/** A generated prop value and whether it was drawn from the invalid pool. */
export interface Tagged<T = unknown> {
  readonly value: T | undefined;
  /** "bad": must be rejected; "ok": must be accepted; "lenient": either (e.g. null for an optional prop). */
  readonly kind: "ok" | "bad" | "lenient";
}

/** Generated props plus the dotted names of the fields that were generated invalid. */
export interface GeneratedProps<P> {
  readonly props: P;
  readonly bad: readonly string[];
  readonly lenient: readonly string[];
}

const ok = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<Tagged<T>> => a.map((value) => ({ value, kind: "ok" as const }));
const bad = (a: fc.Arbitrary<unknown>): fc.Arbitrary<Tagged> => a.map((value) => ({ value, kind: "bad" as const }));

/** Values of the wrong type or shape (never null/undefined: see {@link optional}). */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1.5, "", " ", true, false, [], {}, "undefined?", "${x}"),
  fc.integer({ min: -70000, max: -1 }),
  fc.string({ maxLength: 6 }).map((s) => `${s} ?!`),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null)), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null)), { maxKeys: 2 }),
);

/** An optional prop: mostly absent or valid, sometimes invalid (plus garbage), sometimes null (lenient). */
export function optional<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>, badWeight = 1, withGarbage = true): fc.Arbitrary<Tagged<T>> {
  return fc.oneof(
    { arbitrary: fc.constant({ value: undefined, kind: "ok" as const }), weight: 20 },
    { arbitrary: ok(valid), weight: 20 },
    { arbitrary: bad(withGarbage ? fc.oneof({ arbitrary: invalid, weight: 3 }, { arbitrary: garbage, weight: 1 }) : invalid), weight: Math.round(4 * badWeight) },
    { arbitrary: fc.constant({ value: null, kind: "lenient" as const }) as fc.Arbitrary<Tagged<T>>, weight: badWeight > 0 ? 1 : 0 },
  ) as fc.Arbitrary<Tagged<T>>;
}

/** A required prop: valid, or sometimes invalid/missing. */
export function required<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>, badWeight = 1): fc.Arbitrary<Tagged<T>> {
  return fc.oneof(
    { arbitrary: ok(valid), weight: 20 },
    { arbitrary: bad(fc.oneof({ arbitrary: invalid, weight: 3 }, { arbitrary: garbage, weight: 1 }, fc.constant(undefined), fc.constant(null))), weight: Math.round(2 * badWeight) },
  ) as fc.Arbitrary<Tagged<T>>;
}

/** A record of tagged fields → the props object and the names of the invalid fields (dotted under `prefix`). */
export function tagged<P>(fields: { [K in keyof P]: fc.Arbitrary<Tagged> }, prefix = ""): fc.Arbitrary<GeneratedProps<P>> {
  return fc.record(fields as Record<string, fc.Arbitrary<Tagged>>).map((rec) => {
    const props: Record<string, unknown> = {};
    const badFields: string[] = [];
    const lenient: string[] = [];
    for (const [k, t] of Object.entries(rec)) {
      if (t.value !== undefined) props[k] = t.value;
      if (t.kind === "bad") badFields.push(prefix + k);
      if (t.kind === "lenient") lenient.push(prefix + k);
    }
    return { props: props as P, bad: badFields, lenient };
  });
}

/** A nested object prop built from tagged fields (valid when all its fields are), or garbage in its place. */
export function nested<P>(fields: { [K in keyof P]: fc.Arbitrary<Tagged> }, badWeight = 1): fc.Arbitrary<Tagged<P> & { inner?: GeneratedProps<P> }> {
  return fc.oneof(
    { arbitrary: fc.constant({ value: undefined, kind: "ok" as const }), weight: 8 },
    {
      arbitrary: tagged<P>(fields).map((g) => ({
        value: g.props,
        kind: g.bad.length > 0 ? ("bad" as const) : g.lenient.length > 0 ? ("lenient" as const) : ("ok" as const),
        inner: g,
      })),
      weight: 12,
    },
    { arbitrary: bad(fc.oneof(fc.constantFrom<unknown>("x", 5, true, ["a"]), garbage.filter((g) => typeof g !== "object" && g !== false))), weight: Math.round(2 * badWeight) },
  ) as fc.Arbitrary<Tagged<P> & { inner?: GeneratedProps<P> }>;
}

// ---------------------------------------------------------------- value pools

export const dnsLabel = fc.oneof(fc.constantFrom("app", "shop", "a", "my-app-2"), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/));
export const badDnsLabel = fc.constantFrom("", "Shop", "-a", "a-", "a_b", "a.b", "a".repeat(64), " app", "app ", "ä");
export const memory = fc.constantFrom("64Mi", "128Mi", "512Mi", "1Gi", "10Gi", "100M", "2G", "1.5Gi");
export const badMemory = fc.constantFrom("1Gb", "-1", "0", "", "Mi", "1.5.5Gi", "1e3", "1 Gi", "10gi", "-1Gi", "250m", "0Mi");
export const cpu = fc.constantFrom("100m", "250m", "0.5", "1", "2");
export const badCpu = fc.constantFrom("1Gb", "-1", "0", "0m", "abc", "1.0.0", "", "1 m", "1Gi", "-100m");
export const cron = fc.constantFrom("0 3 * * *", "*/15 * * * *", "@daily", "30 2 * * 1-5", "@hourly", "0 0 1 * *");
export const badCron = fc.constantFrom("* * *", "61 * * * *", "@never", "0 3 * * * *", "", " 0 3 * * *", "0 25 * * *", "every day", "0 3 * * MON-XYZ");
export const image = fc.constantFrom(
  "postgres:17.6-bookworm",
  "ghcr.io/org/app:1.2.3",
  "registry.local:5000/x/y:v1",
  `ghcr.io/org/app@sha256:${"a".repeat(64)}`,
  `redis:7.4.5@sha256:${"0f".repeat(32)}`,
);
export const badImage = fc.constantFrom("postgres", "postgres:latest", "UPPER:1", "", ":1", "a b:1", "ghcr.io/org/app@sha256:abc", "app:", "http://x/y:1");
export const hostname = fc.constantFrom("api.example.com", "*.example.org", "a-b.c.d.io", "x.y");
export const badHostname = fc.constantFrom("localhost", "API.example.com", "-a.com", "a..com", `${"a".repeat(64)}.com`, "example.com.", "http://x.com", "", "*.*.x.com", "a_b.com");
export const port = fc.integer({ min: 1, max: 65535 });
export const badPort = fc.constantFrom<unknown>(0, -1, 65536, 1.5, Number.NaN, "80", 1e9);
export const bool = fc.boolean();
export const badBool = fc.constantFrom<unknown>("true", 0, 1, "yes", "");

/** `resources` as an optional nested prop; invalid also when a request exceeds its limit. */
export const resourcesProp: fc.Arbitrary<Tagged> = fc.oneof(
  { arbitrary: nested<Record<string, unknown>>({
    cpuRequest: optional(fc.constantFrom("10m", "50m", "100m"), badCpu),
    cpuLimit: optional(fc.constantFrom("1", "2", "1500m"), badCpu),
    memoryRequest: optional(fc.constantFrom("16Mi", "64Mi", "128Mi"), badMemory),
    memoryLimit: optional(fc.constantFrom("1Gi", "2Gi", "1500Mi"), badMemory),
  }), weight: 10 },
  {
    arbitrary: fc.constantFrom({ cpuRequest: "4", cpuLimit: "1" }, { memoryRequest: "4Gi", memoryLimit: "1Gi" }).map((value) => ({ value, kind: "bad" as const })),
    weight: 1,
  },
);

// ---------------------------------------------------------------- the property

const FUZZ_OUTDIR = "/tmp/readystack-fuzz-unused";

/**
 * cdktf records a full stack trace for every token it creates (`Error.captureStackTrace` with no depth
 * limit); under jest each trace goes through the source-map support. The traces only ever feed cdktf's
 * error messages about tokens, never the Terraform JSON, and the fuzz loop does not need them: while
 * building, `Error.captureStackTrace` records nothing and any trace that is still formatted is empty.
 * Errors keep their message and properties (what the property checks).
 */
export function withoutStackTraces<T>(fn: () => T): T {
  const previousPrepare = Error.prepareStackTrace;
  const previousCapture = Object.getOwnPropertyDescriptor(Error, "captureStackTrace");
  Error.prepareStackTrace = () => "";
  Error.captureStackTrace = () => undefined;
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previousPrepare;
    if (previousCapture) Object.defineProperty(Error, "captureStackTrace", previousCapture);
  }
}

/** Root of a field name: `resources.cpuRequest` → `resources`, `hosts[0]` → `hosts`, `a/b` → [a, b]. */
export function fieldRoots(field: string): string[] {
  return field.split("/").map((f) => f.split(/[.[]/)[0]);
}

/** Names of the invalid fields, and their roots: `resources.cpuRequest` covers `resources` too. */
function covers(names: readonly string[], field: string): boolean {
  return field.split("/").some((f) => names.some((n) => f === n || f.startsWith(`${n}.`) || f.startsWith(`${n}[`) || n.startsWith(`${f}.`) || n === fieldRoots(f)[0]));
}

/** Walk JSON and report the first leaf that is not clean (undefined, NaN, ±Infinity). */
export function uncleanLeaf(value: unknown, path = "$"): string | undefined {
  if (value === undefined) return `${path} is undefined`;
  if (typeof value === "number" && !Number.isFinite(value)) return `${path} is ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = uncleanLeaf(value[i], `${path}[${i}]`);
      if (r) return r;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const r = uncleanLeaf(v, `${path}.${k}`);
      if (r) return r;
    }
  }
  return undefined;
}

/** Terraform functions readystack itself writes into expressions (the API's config hash). */
const KNOWN_FUNCTIONS = new Set(["sha256", "jsonencode"]);

/**
 * A reference to a resource of the stack (`type.name...`), or a call of a known function whose every
 * argument is such a reference (`sha256(jsonencode(type.name.data))`).
 */
function isStackExpression(expr: string, resources: Record<string, Record<string, unknown>>): boolean {
  const isReference = (ref: string): boolean => {
    const [type, name] = ref.split(".");
    return resources[type] !== undefined && name !== undefined && resources[type][name] !== undefined;
  };
  const call = /^([a-z0-9]+)\((.*)\)$/.exec(expr);
  if (!call) return isReference(expr);
  return KNOWN_FUNCTIONS.has(call[1]) && isStackExpression(call[2], resources);
}

/**
 * Every `${...}` in cdk.tf.json is a Terraform template: it must be a reference to a resource of the same
 * JSON (user text such as an env value "${HOME}" must arrive escaped as "$${HOME}"), and `%{` directives
 * must not appear unescaped.
 */
export function danglingInterpolations(tf: unknown): string[] {
  const resources = ((tf as { resource?: Record<string, Record<string, unknown>> }).resource ?? {});
  const text = JSON.stringify(tf);
  const bad: string[] = [];
  for (const m of text.matchAll(/(\$+)\{([^}]*)\}/g)) {
    if (m[1].length % 2 === 0) continue; // "$${" is an escaped literal "${"
    if (!isStackExpression(m[2], resources)) bad.push(m[0]);
  }
  for (const m of text.matchAll(/(%+)\{/g)) if (m[1].length % 2 === 1) bad.push(m[0]);
  return bad;
}

/** Checks of a successfully built stack's Terraform JSON. Throws (an assertion) when something is wrong. */
export function assertCleanTerraform(tf: unknown): void {
  const leaf = uncleanLeaf(tf);
  if (leaf) throw new Error(`unclean Terraform JSON: ${leaf}`);
  const text = JSON.stringify(tf);
  if (text.includes("undefined")) throw new Error(`"undefined" in the Terraform JSON near ${text.slice(text.indexOf("undefined") - 80, text.indexOf("undefined") + 20)}`);
  if (/\bNaN\b|Infinity/.test(text)) throw new Error("NaN/Infinity in the Terraform JSON");
  if (JSON.stringify(JSON.parse(text)) !== text) throw new Error("the Terraform JSON does not round-trip");
  const dangling = danglingInterpolations(tf);
  if (dangling.length > 0) throw new Error(`Terraform would interpolate text that is no reference: ${dangling.join(", ")}`);
  const secrets = findSecretLiterals(tf);
  if (secrets.length > 0) throw new Error(`secret literals in the Terraform JSON: ${secrets.join("; ")}`);
}

/** How a fuzz run ended (for the coverage statistics). */
export type Outcome = "synthesized" | "rejected";

/** Options of {@link checkRun}. */
export interface CheckOptions {
  /**
   * Fields that may be rejected although every field was generated valid, because of a relation between
   * fields (e.g. `autoscaling.maxReplicas` below `minReplicas`).
   */
  readonly relational?: readonly string[];
  /** Field roots a rejection may name besides the generated ones (e.g. "props"). */
  readonly extraRoots?: readonly string[];
  /**
   * The build creates its own stack (a TerraformStack subclass such as ReadyStack, id "fuzz") in the App it
   * is given; errors of its children are then matched as `<child id>.<field>` (e.g. `api.image`).
   */
  readonly ownStack?: boolean;
}

/**
 * The property of one run: build the construct(s) in a fresh App and stack, then either clean JSON or a
 * ReadystackConfigError naming the construct path and a field that was generated invalid.
 */
export function checkRun<P>(gen: GeneratedProps<P>, build: (scope: TerraformStack, props: P) => unknown, options: CheckOptions = {}): Outcome {
  const app = new App({ outdir: FUZZ_OUTDIR, skipValidation: true });
  let error: unknown;
  let tf: unknown;
  withoutStackTraces(() => {
    try {
      let stack: TerraformStack;
      if (options.ownStack) {
        stack = build(app as unknown as TerraformStack, gen.props) as TerraformStack;
      } else {
        stack = new TerraformStack(app, "fuzz");
        build(stack, gen.props);
      }
      tf = stack.toTerraform();
    } catch (e) {
      error = e;
    }
  });
  if (error === undefined) {
    assertCleanTerraform(tf);
    if (gen.bad.length > 0) throw new Error(`accepted invalid ${gen.bad.join(", ")}: ${safeJson(gen.props)}`);
    return "synthesized";
  }
  if (!(error instanceof ReadystackConfigError)) {
    throw new Error(`threw ${(error as Error)?.name ?? typeof error} instead of ReadystackConfigError: ${(error as Error)?.message ?? String(error)}`);
  }
  if (!error.message.includes(error.field)) throw new Error(`message does not name the field ${error.field}: ${error.message}`);
  if (!error.message.startsWith(error.constructPath) || !error.constructPath.startsWith("fuzz")) {
    throw new Error(`message does not start with the construct path: ${error.message}`);
  }
  const child = error.constructPath.split("/").slice(1);
  const field = options.ownStack && child.length > 0 ? `${child.join(".")}.${error.field}` : error.field;
  const explained =
    covers(gen.bad, field) ||
    covers(gen.lenient, field) ||
    (options.relational ?? []).some((r) => covers([r], field) || field === r) ||
    (options.extraRoots ?? []).some((r) => fieldRoots(field).includes(r));
  if (!explained) throw new Error(`rejected a valid field: ${error.message} (invalid fields: ${gen.bad.join(", ") || "none"})`);
  return "rejected";
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : x)).slice(0, 400);
  } catch {
    return String(v);
  }
}

/**
 * Run the property `FUZZ_RUNS` times, or `options.runs` (plus the kept regression examples) and require both outcomes
 * among the runs, so the generator cannot silently drift to all-invalid or all-valid.
 */
export function fuzz<P>(
  arb: fc.Arbitrary<GeneratedProps<P>>,
  build: (stack: TerraformStack, props: P) => unknown,
  options: CheckOptions & {
    examples?: GeneratedProps<P>[];
    seed?: number;
    /** Runs of this call; a construct's {@link FUZZ_RUNS} may be shared among several test files run in parallel. */
    runs?: number;
  } = {},
): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { synthesized: 0, rejected: 0 };
  fc.assert(
    fc.property(arb, (gen) => {
      counts[checkRun(gen, build, options)]++;
    }),
    { numRuns: options.runs ?? FUZZ_RUNS, examples: (options.examples ?? []).map((e) => [e] as [GeneratedProps<P>]), seed: options.seed ?? fuzzSeed() },
  );
  return counts;
}
