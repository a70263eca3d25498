/**
 * Constant HCL expressions → JS values, and Helm `values` strings → the values they hold.
 *
 * Terraform stacks write Helm values as `values = [yamlencode({ replicas = 2, ... })]`; in Terraform JSON
 * (hcl2json's and cdktf's) that is the string `${yamlencode({ replicas = 2, ... })}`. When the argument
 * is a constant (objects, tuples, strings without interpolation, numbers, bools, null, heredocs) its value
 * is known without Terraform; anything else (`file(...)`, `var.x`, a resource attribute, an operator, a
 * `for` expression) is reported unresolved with the expression text, so a report can name what it could
 * not analyse. Pure and synchronous.
 */
import { parse as parseYaml } from "yaml";

/** A constant expression's value, or why it is not a constant. */
export type HclConstant = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/** A Helm values string decoded, or the expression that could not be. */
export type DecodedValues =
  | {
      readonly ok: true;
      /** The values (usually an object; null for an empty document). */
      readonly value: unknown;
      /** How the values were written. */
      readonly form: "yaml" | "yamlencode" | "jsonencode";
    }
  | {
      readonly ok: false;
      /** Why the values are not known without running Terraform. */
      readonly reason: string;
      /** The expression as written (the whole values string). */
      readonly expression: string;
    };

/** Options of {@link decodeValuesString}. */
export interface DecodeOptions {
  /**
   * The configuration's `locals` as Terraform JSON holds them, so `yamlencode(local.values)` resolves
   * when that local is a constant.
   * @default no locals: `local.*` is unresolved
   */
  readonly locals?: Readonly<Record<string, unknown>>;
}

/** Thrown inside the parser: the expression is not a constant (or not valid). */
class NotConstant extends Error {}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

/** A recursive-descent reader of HCL's constant subset. */
class Reader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly locals: Readonly<Record<string, unknown>> | undefined,
  ) {}

  fail(reason: string): never {
    throw new NotConstant(reason);
  }

  /** Skip spaces, newlines and comments (`#`, `//`, `/* *\/`). */
  skip(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.pos++;
      else if (c === "#" || (c === "/" && t[this.pos + 1] === "/")) {
        while (this.pos < t.length && t[this.pos] !== "\n") this.pos++;
      } else if (c === "/" && t[this.pos + 1] === "*") {
        const end = t.indexOf("*/", this.pos + 2);
        if (end < 0) this.fail("unterminated comment");
        this.pos = end + 2;
      } else break;
    }
  }

  peek(): string {
    this.skip();
    return this.text[this.pos] ?? "";
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected "${char}" at offset ${this.pos}`);
    this.pos++;
  }

  ident(): string {
    this.skip();
    const start = this.pos;
    if (!IDENT_START.test(this.text[this.pos] ?? "")) this.fail(`unexpected ${this.describeHere()}`);
    while (this.pos < this.text.length && IDENT_PART.test(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  describeHere(): string {
    const rest = this.text.slice(this.pos);
    return rest === "" ? "end of expression" : `"${rest.slice(0, 20)}"`;
  }

  /** One expression; an operator, conditional, index or attribute access after a constant makes it non-constant. */
  expression(): unknown {
    const value = this.primary();
    const next = this.peek();
    const pair = this.text.slice(this.pos, this.pos + 2);
    if ((next !== "" && "+-*/%<>!&|?".includes(next)) || pair === "==") this.fail(`an operator ("${next}") is not constant`);
    if (next === "[" || next === ".") this.fail("an index or attribute access is not constant");
    return value;
  }

  primary(): unknown {
    const c = this.peek();
    if (c === "{") return this.object();
    if (c === "[") return this.tuple();
    if (c === '"') return this.string();
    if (c === "<" && this.text.startsWith("<<", this.pos)) return this.heredoc();
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    if (c === "(") {
      this.pos++;
      const value = this.expression();
      this.expect(")");
      return value;
    }
    if (IDENT_START.test(c)) {
      const start = this.pos;
      const word = this.ident();
      if (word === "true") return true;
      if (word === "false") return false;
      if (word === "null") return null;
      if (word === "local" && this.locals && this.text[this.pos] === ".") return this.local();
      if (word === "for") this.fail("a for expression is not constant");
      if (this.peek() === "(") this.fail(`the function call ${word}(...) is not constant`);
      this.pos = start;
      this.fail(`the reference ${this.reference()} is not constant`);
    }
    if (c === "") this.fail("the expression is empty");
    this.fail(`unexpected ${this.describeHere()}`);
  }

  /** The text of a traversal (`var.x`, `module.m.out[0]`), for messages. */
  reference(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_.\-[\]"*]*/.exec(this.text.slice(this.pos));
    return m ? m[0] : this.describeHere();
  }

  /** `local.name`, when that local's value is a constant. */
  local(): unknown {
    this.pos++;
    const name = this.ident();
    const locals = this.locals as Readonly<Record<string, unknown>>;
    if (!Object.prototype.hasOwnProperty.call(locals, name)) this.fail(`local.${name} is not defined`);
    const value = fromTerraformJson(locals[name]);
    if (!value.ok) this.fail(`local.${name} is not a constant (${value.reason})`);
    return value.value;
  }

  object(): Record<string, unknown> {
    this.expect("{");
    const out: Record<string, unknown> = {};
    for (;;) {
      const c = this.peek();
      if (c === "}") {
        this.pos++;
        return out;
      }
      if (c === "") this.fail('unterminated object (expected "}")');
      let key: string;
      if (c === '"') key = this.string();
      else if (c === "(") {
        this.pos++;
        const k = this.expression();
        this.expect(")");
        if (typeof k !== "string" && typeof k !== "number" && typeof k !== "boolean") this.fail("an object key must be a string");
        key = String(k);
      } else {
        key = this.ident();
        if (this.text[this.pos] === ".") this.fail(`the object key ${key}.… is a reference (write it in parentheses or quotes)`);
      }
      const sep = this.peek();
      if (sep !== "=" && sep !== ":") this.fail(`expected "=" or ":" after the key "${key}"`);
      this.pos++;
      Object.defineProperty(out, key, { value: this.expression(), enumerable: true, writable: true, configurable: true });
      if (this.peek() === ",") this.pos++;
    }
  }

  tuple(): unknown[] {
    this.expect("[");
    const out: unknown[] = [];
    for (;;) {
      const c = this.peek();
      if (c === "]") {
        this.pos++;
        return out;
      }
      if (c === "") this.fail('unterminated tuple (expected "]")');
      if (IDENT_START.test(c) && /^for\s/.test(this.text.slice(this.pos))) this.fail("a for expression is not constant");
      out.push(this.expression());
      const sep = this.peek();
      if (sep === ",") this.pos++;
      else if (sep !== "]") this.fail(`expected "," or "]" at offset ${this.pos}`);
    }
  }

  number(): number {
    this.skip();
    const m = /^-?\s*(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.pos));
    if (!m) this.fail(`unexpected ${this.describeHere()}`);
    this.pos += m[0].length;
    return Number(m[0].replace(/\s+/g, ""));
  }

  /** A quoted template: escapes decoded; `${` or `%{` (interpolation, directive) is not constant. */
  string(): string {
    this.expect('"');
    const t = this.text;
    let out = "";
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === "\n") this.fail("unterminated string");
      if (c === "\\") {
        const e = t[this.pos + 1];
        const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
        if (e in simple) {
          out += simple[e];
          this.pos += 2;
          continue;
        }
        if (e === "u" || e === "U") {
          const len = e === "u" ? 4 : 8;
          const hex = t.slice(this.pos + 2, this.pos + 2 + len);
          if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) this.fail(`invalid \\${e} escape`);
          out += String.fromCodePoint(parseInt(hex, 16));
          this.pos += 2 + len;
          continue;
        }
        this.fail(`invalid escape \\${e ?? ""}`);
      }
      out += this.templateChar();
    }
    this.fail("unterminated string");
  }

  /** One character of template text (quoted or heredoc): `$${` → `${`, `%%{` → `%{`, `${`/`%{` fail. */
  templateChar(): string {
    const t = this.text;
    const c = t[this.pos];
    if ((c === "$" || c === "%") && t[this.pos + 1] === c && t[this.pos + 2] === "{") {
      this.pos += 3;
      return `${c}{`;
    }
    if ((c === "$" || c === "%") && t[this.pos + 1] === "{") {
      this.fail(c === "$" ? "a string with ${...} interpolation is not constant" : "a string with a %{...} directive is not constant");
    }
    this.pos++;
    return c;
  }

  /** `<<EOT` / `<<-EOT` heredoc; `<<-` removes the lines' common leading spaces. */
  heredoc(): string {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(this.text.slice(this.pos));
    if (!m) this.fail("invalid heredoc");
    const [header, indent, marker] = m;
    const bodyStart = this.pos + header.length;
    const close = new RegExp(`(^|\\n)[ \\t]*${marker}[ \\t]*(?=\\r?\\n|$)`, "g");
    close.lastIndex = bodyStart - 1;
    let end: RegExpExecArray | null;
    let bodyEnd = -1;
    let after = -1;
    while ((end = close.exec(this.text)) !== null) {
      if (end.index + end[1].length < bodyStart) continue;
      bodyEnd = end.index + end[1].length;
      after = end.index + end[0].length;
      break;
    }
    if (bodyEnd < 0) this.fail(`unterminated heredoc (no closing ${marker})`);
    let lines = this.text.slice(bodyStart, bodyEnd).split("\n");
    if (lines[lines.length - 1] === "") lines = lines.slice(0, -1);
    if (indent) {
      const widths = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
      const strip = widths.length ? Math.min(...widths) : 0;
      lines = lines.map((l) => l.slice(Math.min(strip, /^[ \t]*/.exec(l)?.[0].length ?? 0)));
    }
    const raw = lines.map((l) => `${l}\n`).join("");
    const inner = new Reader(raw, this.locals);
    let out = "";
    while (inner.pos < raw.length) out += inner.templateChar();
    this.pos = after;
    return out;
  }
}

/** A value as Terraform JSON holds it (strings are templates) → its constant value, or why not. */
function fromTerraformJson(value: unknown): HclConstant {
  if (typeof value === "string") {
    const whole = /^\$\{([^]*)\}$/.exec(value);
    if (whole) return parseHclConstant(whole[1]);
    const r = new Reader(value, undefined);
    let out = "";
    try {
      while (r.pos < value.length) out += r.templateChar();
    } catch (error) {
      return { ok: false, reason: error instanceof NotConstant ? error.message : String(error) };
    }
    return { ok: true, value: out };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const r = fromTerraformJson(item);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = fromTerraformJson(v);
      if (!r.ok) return r;
      Object.defineProperty(out, k, { value: r.value, enumerable: true, writable: true, configurable: true });
    }
    return { ok: true, value: out };
  }
  return { ok: true, value };
}

function read(expr: string, locals: Readonly<Record<string, unknown>> | undefined, body: (r: Reader) => unknown): HclConstant {
  const reader = new Reader(expr, locals);
  try {
    const value = body(reader);
    if (reader.peek() !== "") reader.fail(`unexpected ${reader.describeHere()} after the value`);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof NotConstant) return { ok: false, reason: error.message };
    throw error;
  }
}

/**
 * The value of a constant HCL expression: `{ a = 1, "b" = "x" }` (`=` or `:`), tuples, strings
 * (escapes decoded; `$${` is a literal `${`), heredocs, numbers, `true`/`false`/`null`.
 * An interpolated string, a reference, a function call or an operator → `{ ok: false, reason }`.
 */
export function parseHclConstant(expr: string): HclConstant {
  return read(expr, undefined, (r) => r.expression());
}

const ENCODERS = { yamlencode: "yamlencode", jsonencode: "jsonencode" } as const;

/**
 * A Helm values string as Terraform JSON holds it → the values: a plain YAML (or JSON) document, or
 * `${yamlencode(<constant>)}` / `${jsonencode(<constant>)}`. Anything else (`${file(...)}`, `${var.x}`,
 * a template with interpolation, YAML that does not parse) → `{ ok: false, reason, expression }`.
 */
export function decodeValuesString(s: string, options: DecodeOptions = {}): DecodedValues {
  const unresolved = (reason: string): DecodedValues => ({ ok: false, reason, expression: s });
  const trimmed = s.trim();
  if (trimmed.startsWith("${")) {
    let form: "yamlencode" | "jsonencode" | undefined;
    const result = read(trimmed.slice(2), options.locals, (r) => {
      const name = r.ident();
      if (!(name in ENCODERS)) {
        if (r.peek() === "(") r.fail(`the function call ${name}(...) is not constant`);
        r.pos -= name.length;
        r.fail(`the reference ${r.reference()} is not constant`);
      }
      form = ENCODERS[name as keyof typeof ENCODERS];
      r.expect("(");
      const value = r.expression();
      if (r.peek() === ",") r.fail(`${name} takes one argument`);
      r.expect(")");
      r.expect("}");
      return value;
    });
    if (result.ok && form) return { ok: true, value: result.value, form };
    if (!result.ok) return unresolved(result.reason);
  }
  const text = fromTerraformJson(s);
  if (!text.ok) return unresolved(text.reason);
  try {
    return { ok: true, value: parseYaml(text.value as string) ?? null, form: "yaml" };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return unresolved(`not valid YAML (${message})`);
  }
}
