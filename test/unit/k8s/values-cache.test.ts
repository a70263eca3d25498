import { Testing } from "cdktf";
import { parse } from "yaml";
import {
  VALUES_CACHE_SIZE,
  clearValuesCache,
  helmValues,
  isRememberedValues,
  parseValues,
} from "../../../lib/k8s/values-cache";
import { buildReferenceStack } from "../../../stacks/reference";

/** Every string in a JSON tree. */
function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === "string") out.push(node);
  else if (Array.isArray(node)) for (const item of node) strings(item, out);
  else if (node !== null && typeof node === "object") for (const v of Object.values(node)) strings(v, out);
  return out;
}

describe("Helm values remembered from the constructs", () => {
  beforeEach(() => clearValuesCache());

  test("for the reference stack, every remembered values text gives exactly what yaml.parse gives", () => {
    const json = JSON.parse(Testing.synth(buildReferenceStack(Testing.app()))) as {
      resource: { helm_release: Record<string, { values?: string[] }> };
    };
    const releases = Object.values(json.resource.helm_release);
    const valuesTexts = releases.flatMap((r) => r.values ?? []);
    // Texts written inside values (promtail's config snippets) are remembered too.
    const nested = valuesTexts.flatMap((t) => strings(parse(t))).filter((s) => isRememberedValues(s));
    const remembered = valuesTexts.filter((t) => isRememberedValues(t));
    expect(valuesTexts.length).toBeGreaterThanOrEqual(5);
    // A text changed after it was written (terraformLiteral escaping `${`) is parsed as usual; today all are remembered.
    expect(remembered.length).toBeGreaterThanOrEqual(valuesTexts.length - 1);
    expect(nested.length).toBeGreaterThanOrEqual(2);
    for (const text of [...remembered, ...nested]) {
      expect(parseValues(text)).toStrictEqual(parse(text));
    }
    // Texts not written here are parsed, with the same result.
    for (const text of valuesTexts.filter((t) => !isRememberedValues(t))) {
      expect(parseValues(text)).toStrictEqual(parse(text));
    }
  });

  test("each answer is a fresh copy: changing it changes neither the memory nor later answers", () => {
    const text = helmValues({ a: { b: [1, 2] } });
    const first = parseValues(text) as { a: { b: number[] } };
    first.a.b.push(3);
    expect(parseValues(text)).toStrictEqual({ a: { b: [1, 2] } });
  });

  test("reads back what YAML reads back: undefined keys left out, undefined list items as null", () => {
    const text = helmValues({ keep: "x", drop: undefined, list: [undefined, "y"] });
    expect(isRememberedValues(text)).toBe(true);
    expect(parseValues(text)).toStrictEqual(parse(text));
    expect(parseValues(text)).toStrictEqual({ keep: "x", list: [null, "y"] });
  });

  test("values that are not plain JSON data are only stringified, and parsed when read", () => {
    const text = helmValues({ when: new Date(0), n: Number.NaN });
    expect(isRememberedValues(text)).toBe(false);
    expect(parseValues(text)).toStrictEqual(parse(text));
  });

  test("text never written is parsed; invalid YAML still throws", () => {
    expect(parseValues("a: 1\nb: [x]\n")).toStrictEqual({ a: 1, b: ["x"] });
    expect(() => parseValues("a: [unclosed")).toThrow();
  });

  test("memory is bounded: the oldest text is forgotten first", () => {
    const first = helmValues({ i: -1 });
    for (let i = 0; i < VALUES_CACHE_SIZE; i++) helmValues({ i });
    expect(isRememberedValues(first)).toBe(false);
    expect(isRememberedValues(helmValues({ i: VALUES_CACHE_SIZE - 1 }))).toBe(true);
    expect(parseValues(first)).toStrictEqual({ i: -1 });
  });
});
