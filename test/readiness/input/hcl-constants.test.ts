import * as fc from "fast-check";
import { decodeValuesString, parseHclConstant } from "../../../lib/readiness/model/hcl-constants";

/** A string as an HCL quoted template: escapes HCL knows, `${`/`%{` doubled so they stay literal. */
function hclString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const code = c.charCodeAt(0);
    if (c === '"') out += '\\"';
    else if (c === "\\") out += "\\\\";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else if ((c === "$" || c === "%") && s[i + 1] === "{") out += `${c}${c}`;
    else out += c;
  }
  return `${out}"`;
}

/** A JSON value written in HCL syntax; `style` picks `=` or `:` and comma or newline separators. */
function toHcl(value: unknown, style: { colon: boolean; newlines: boolean }): string {
  if (value === null) return "null";
  if (typeof value === "string") return hclString(value);
  if (typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  const sep = style.newlines ? "\n" : ", ";
  if (Array.isArray(value)) return `[${value.map((v) => toHcl(v, style)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${hclString(k)} ${style.colon ? ":" : "="} ${toHcl(v, style)}`);
  return style.newlines ? `{\n${entries.join(sep)}\n}` : `{ ${entries.join(sep)} }`;
}

describe("parseHclConstant", () => {
  it("reads objects with = or :, bare and quoted keys, comma or newline separated, with comments", () => {
    const expr = `{
      replicas = 2   # a comment
      "app.kubernetes.io/name": "web"
      image = { tag = "1.27", pullPolicy = "IfNotPresent" }, // another
      ports = [80, 443,]
      /* block */ enabled = true
      extra = null
    }`;
    expect(parseHclConstant(expr)).toEqual({
      ok: true,
      value: { replicas: 2, "app.kubernetes.io/name": "web", image: { tag: "1.27", pullPolicy: "IfNotPresent" }, ports: [80, 443], enabled: true, extra: null },
    });
  });

  it("decodes string escapes and keeps $${ and %%{ as literal ${ and %{", () => {
    expect(parseHclConstant('"a\\n\\t\\"b\\"\\\\ \\u00e9 \\U0001F600 $${x} %%{y}"')).toEqual({ ok: true, value: 'a\n\t"b"\\ é 😀 ${x} %{y}' });
  });

  it("reads numbers, negative and with exponents, and parenthesised keys", () => {
    expect(parseHclConstant("[0, -3, 1.5, 2e3, -1.25E-2]")).toEqual({ ok: true, value: [0, -3, 1.5, 2000, -0.0125] });
    expect(parseHclConstant('{ ("a.b") = 1 }')).toEqual({ ok: true, value: { "a.b": 1 } });
  });

  it("reads heredocs, <<- stripping the common indentation", () => {
    expect(parseHclConstant("<<EOT\nline one\n  two\nEOT")).toEqual({ ok: true, value: "line one\n  two\n" });
    expect(parseHclConstant("{\n  cfg = <<-YAML\n    a: 1\n      b: 2\n    YAML\n}")).toEqual({ ok: true, value: { cfg: "a: 1\n  b: 2\n" } });
    expect(parseHclConstant("<<EOT\nx ${var.y}\nEOT")).toEqual({ ok: false, reason: expect.stringContaining("interpolation") });
  });

  it.each([
    ['"a-${var.name}"', /interpolation is not constant/],
    ['"%{ if x }y%{ endif }"', /directive is not constant/],
    ["var.replicas", /the reference var\.replicas is not constant/],
    ["local.values", /the reference local\.values is not constant/],
    ['file("${path.module}/values.yaml")', /the function call file\(\.\.\.\) is not constant/],
    ["1 + 2", /operator/],
    ["true ? 1 : 2", /operator/],
    ["[for s in var.list : upper(s)]", /for expression/],
    ["{ a = 1 }.a", /attribute access/],
    ["{ var.k = 1 }", /reference/],
    ['{ a = 1', /unterminated object/],
    ['"open', /unterminated string/],
    ["", /empty/],
  ])("%s is not a constant", (expr, reason) => {
    const r = parseHclConstant(expr);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it("round-trips any JSON value written in HCL syntax (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), fc.boolean(), (value, colon, newlines) => {
        const expected = JSON.parse(JSON.stringify(value)) as unknown;
        expect(parseHclConstant(toHcl(expected, { colon, newlines }))).toStrictEqual({ ok: true, value: expected });
      }),
      { numRuns: 500 },
    );
  });
});

describe("decodeValuesString", () => {
  it("reads ${yamlencode(...)} of a constant, as hcl2json writes it", () => {
    const s = '${yamlencode({\n    controller = {\n      replicaCount = 2\n      "service.type" = "LoadBalancer"\n    }\n  })}';
    expect(decodeValuesString(s)).toEqual({ ok: true, form: "yamlencode", value: { controller: { replicaCount: 2, "service.type": "LoadBalancer" } } });
  });

  it("reads ${jsonencode(...)} and cdktf's quoted-key form", () => {
    expect(decodeValuesString('${jsonencode({"persistence" = {"enabled" = false}})}')).toEqual({ ok: true, form: "jsonencode", value: { persistence: { enabled: false } } });
  });

  it("reads a plain YAML document, with $${ as a literal ${", () => {
    expect(decodeValuesString("server:\n  replicas: 3\n  cmd: \"echo $${HOME}\"\n")).toEqual({ ok: true, form: "yaml", value: { server: { replicas: 3, cmd: "echo ${HOME}" } } });
    expect(decodeValuesString("")).toEqual({ ok: true, form: "yaml", value: null });
  });

  it("resolves local.<name> when that local is a constant, and only then", () => {
    const locals = { values: { replicas: 2, note: "$${kept}" }, dynamic: { image: "${var.image}" } };
    expect(decodeValuesString("${yamlencode(local.values)}", { locals })).toEqual({ ok: true, form: "yamlencode", value: { replicas: 2, note: "${kept}" } });
    const r = decodeValuesString("${yamlencode(local.dynamic)}", { locals });
    expect(r).toEqual({ ok: false, expression: "${yamlencode(local.dynamic)}", reason: "local.dynamic is not a constant (the reference var.image is not constant)" });
    expect(decodeValuesString("${yamlencode(local.missing)}", { locals })).toMatchObject({ ok: false, reason: "local.missing is not defined" });
  });

  it.each([
    ['${file("${path.module}/values.yaml")}', "the function call file(...) is not constant"],
    ["${var.values}", "the reference var.values is not constant"],
    ['${templatefile("v.tpl", { a = 1 })}', "the function call templatefile(...) is not constant"],
    ["${yamlencode(var.values)}", "the reference var.values is not constant"],
    ['${yamlencode({ image = "${var.repo}:1" })}', "a string with ${...} interpolation is not constant"],
    ["${yamlencode({a = 1})} trailing", 'unexpected "trailing" after the value'],
    ["replicas: ${var.replicas}", "a string with ${...} interpolation is not constant"],
  ])("%s is reported unresolved with its expression", (s, reason) => {
    expect(decodeValuesString(s)).toEqual({ ok: false, reason, expression: s });
  });

  it("names YAML that does not parse", () => {
    const r = decodeValuesString("a: [1, 2\nb: 3");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^not valid YAML \(/);
  });

  it("decodes ${yamlencode(<HCL of any JSON object>)} to that object (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const expected = JSON.parse(JSON.stringify(value)) as unknown;
        expect(decodeValuesString(`\${yamlencode(${toHcl(expected, { colon: false, newlines: true })})}`)).toStrictEqual({ ok: true, form: "yamlencode", value: expected });
      }),
      { numRuns: 200 },
    );
  });
});
