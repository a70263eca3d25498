import { TerraformStack, Testing, Fn } from "cdktf";
import { Construct } from "constructs";
import { ReadystackConfigError } from "../../../lib/errors";
import { PropValidator, parseImageReference, parseQuantity } from "../../../lib/k8s/validate";

function validator(): PropValidator {
  const stack = new TerraformStack(Testing.app(), "test");
  return new PropValidator(new Construct(stack, "thing"));
}

function errorOf(fn: () => unknown): ReadystackConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ReadystackConfigError);
    return e as ReadystackConfigError;
  }
  throw new Error("expected a ReadystackConfigError");
}

describe("PropValidator", () => {
  const v = validator();

  test("errors name the construct path, the field, the value and what is accepted", () => {
    const e = errorOf(() => v.memory("storageSize", "1Gb"));
    expect(e.message).toBe(
      'test/thing: invalid storageSize "1Gb"; expected a positive byte quantity such as "512Mi", "10Gi" or "1G" (binary suffixes Ki, Mi, Gi, Ti)',
    );
    expect(e.constructPath).toBe("test/thing");
    expect(e.field).toBe("storageSize");
    expect(e.value).toBe("1Gb");
  });

  test.each(["512Mi", "10Gi", "1G", "128974848", "1.5Gi"])("memory accepts %s", (q) => {
    expect(v.memory("m", q)).toBe(q);
  });
  test.each(["1Gb", "-1", "", "0", "Mi", "10 Gi", "1.5.5Gi"])("memory rejects %j", (q) => {
    expect(() => v.memory("m", q)).toThrow(ReadystackConfigError);
  });
  test.each(["250m", "0.5", "2", "1000m"])("cpu accepts %s", (q) => {
    expect(v.cpu("c", q)).toBe(q);
  });
  test.each(["-1", "1Gi", "0", "abc", "250mm"])("cpu rejects %j", (q) => {
    expect(() => v.cpu("c", q)).toThrow(/invalid c/);
  });

  test.each(["0 3 * * *", "*/15 * * * *", "@daily", "0 3 * * 1-5"])("cron accepts %s", (c) => {
    expect(v.cron("schedule", c)).toBe(c);
  });
  test.each(["61 * * * *", "* * * *", "0 0 3 * * *", "@often", "", "every day"])("cron rejects %j", (c) => {
    expect(errorOf(() => v.cron("schedule", c)).message).toContain("invalid schedule");
  });

  test.each([
    "postgres:17.6-bookworm",
    "ghcr.io/offgridflow/api:1.4.2",
    "localhost:5000/team/app:v1",
    `ghcr.io/org/app@sha256:${"a".repeat(64)}`,
  ])("image accepts %s", (i) => {
    expect(v.image("image", i)).toBe(i);
  });
  test.each(["postgres", "postgres:latest", "Postgres:17", "ghcr.io/org/app@sha256:abc", "a b:1", ""])(
    "image rejects %j",
    (i) => {
      expect(errorOf(() => v.image("image", i)).message).toContain("pinned by tag or digest");
    },
  );

  test("hostnames, labels, namespaces, env names, durations, paths", () => {
    expect(v.hostname("hosts[0]", "api.example.com")).toBe("api.example.com");
    expect(() => v.hostname("hosts[0]", "localhost")).toThrow(/hosts\[0\]/);
    expect(() => v.hostname("hosts[0]", "API.example.com")).toThrow(ReadystackConfigError);
    expect(() => v.hostname("hosts[0]", `${"a".repeat(64)}.example.com`)).toThrow(ReadystackConfigError);
    expect(v.dnsLabel("namespace", "shop-prod")).toBe("shop-prod");
    expect(() => v.dnsLabel("namespace", "Shop_Prod")).toThrow(/namespace "Shop_Prod"/);
    expect(() => v.dnsLabel("namespace", "a".repeat(64))).toThrow(ReadystackConfigError);
    expect(v.labelValue("label", "v1.2_3")).toBe("v1.2_3");
    expect(() => v.labelValue("label", "-bad")).toThrow(ReadystackConfigError);
    expect(v.envName("env", "DATABASE_URL")).toBe("DATABASE_URL");
    expect(() => v.envName("env", "1BAD")).toThrow(/env "1BAD"/);
    expect(v.duration("retention", "744h")).toBe("744h");
    expect(() => v.duration("retention", "31 days")).toThrow(ReadystackConfigError);
    expect(v.httpPath("readinessPath", "/readyz")).toBe("/readyz");
    expect(() => v.httpPath("readinessPath", "readyz")).toThrow(ReadystackConfigError);
  });

  test("numbers: ports, percentages, bounded integers", () => {
    expect(v.port("port", 8080)).toBe(8080);
    expect(() => v.port("port", 0)).toThrow(/a whole number from 1 to 65535/);
    expect(() => v.port("port", 70000)).toThrow(ReadystackConfigError);
    expect(() => v.percentage("cpu", 101)).toThrow(ReadystackConfigError);
    expect(() => v.integer("retention", 2.5, 1)).toThrow(/a whole number >= 1/);
    expect(() => v.integer("retention", Number.NaN, 1)).toThrow(ReadystackConfigError);
  });

  test("non-empty strings, enums and conflicting props", () => {
    expect(() => v.nonEmpty("name", "")).toThrow(/invalid name ""/);
    expect(() => v.nonEmpty("name", " x")).toThrow(ReadystackConfigError);
    expect(v.oneOf("policy", "Forbid", ["Allow", "Forbid"] as const)).toBe("Forbid");
    expect(() => v.oneOf("policy", "Never", ["Allow", "Forbid"] as const)).toThrow(/one of "Allow", "Forbid"/);
    expect(() => v.notBoth("existingSecretName", "x", "password", "y")).toThrow(/either existingSecretName or password, not both/);
  });

  test("Terraform tokens pass through: Terraform checks them at plan time", () => {
    const token = Fn.lower("X");
    expect(v.dnsLabel("namespace", token)).toBe(token);
  });
});

describe("parsing helpers", () => {
  test("parseImageReference splits repository, tag and digest", () => {
    expect(parseImageReference("ghcr.io/offgridflow/api:1.4.2")).toEqual({ repository: "ghcr.io/offgridflow/api", tag: "1.4.2", digest: undefined });
    expect(parseImageReference("team/app:v1")).toEqual({ repository: "team/app", tag: "v1", digest: undefined });
    expect(parseImageReference("not an image")).toBeUndefined();
  });
  test("parseQuantity converts to base units", () => {
    expect(parseQuantity("512Mi")).toBe(512 * 2 ** 20);
    expect(parseQuantity("250m")).toBeCloseTo(0.25);
    expect(parseQuantity("1Gb")).toBeUndefined();
  });
});
