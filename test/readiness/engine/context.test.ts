import { createRuleContext } from "../../../lib/readiness/context";
import { parseReference, walkAttribute } from "../../../lib/readiness/resolver";
import { resourceLines } from "../../../lib/readiness/source-lines";
import type { TerraformJson } from "../../../lib/readiness/types";

const json: TerraformJson = {
  data: {
    kubernetes_namespace_v1: { existing: { metadata: { name: "prod" } } },
  },
  resource: {
    kubernetes_service_v1: {
      db: {
        "//": { metadata: { path: "test/db/service" }, readystack: { component: "database" } },
        metadata: { name: "db", namespace: "${data.kubernetes_namespace_v1.existing.metadata[0].name}" },
        spec: { port: [{ port: 5432, name: "postgres" }] },
      },
      arr: {
        metadata: [{ name: "arr-svc", labels: { "0": "zero" } }],
      },
    },
    kubernetes_deployment_v1: {
      api: {
        metadata: { name: "api", namespace: "${kubernetes_service_v1.db.metadata[0].namespace}" },
        spec: {
          template: {
            spec: {
              container: [{ name: "api", env: [{ name: "DB_HOST", value: "${kubernetes_service_v1.db.metadata[0].name}" }] }],
            },
          },
        },
      },
      loop: { metadata: { name: "${kubernetes_deployment_v1.loop.metadata[0].name}" } },
    },
  },
};

describe("parseReference", () => {
  it("parses bracket and dot indexes, data refs and quoted keys", () => {
    expect(parseReference("${kubernetes_service_v1.db.metadata[0].name}")).toEqual({
      mode: "resource",
      type: "kubernetes_service_v1",
      name: "db",
      address: "kubernetes_service_v1.db",
      attribute: ["metadata", "0", "name"],
    });
    expect(parseReference("${kubernetes_service_v1.db.metadata.0.name}")?.attribute).toEqual(["metadata", "0", "name"]);
    expect(parseReference("${data.kubernetes_namespace_v1.ns.metadata[0].name}")?.address).toBe(
      "data.kubernetes_namespace_v1.ns",
    );
    expect(parseReference('${kubernetes_config_map_v1.c.data["backup.sh"]}')?.attribute).toEqual(["data", "backup.sh"]);
    expect(parseReference("${kubernetes_service_v1.db}")?.attribute).toEqual([]);
  });
  it("rejects literals, vars, functions and compound strings", () => {
    for (const v of [
      "db",
      "${var.name}",
      "${local.x}",
      "${module.m.out}",
      '${lower("A")}',
      "${a.b.c}-${d.e.f}",
      "prefix-${kubernetes_service_v1.db.id}",
      42,
      undefined,
      null,
    ]) {
      expect(parseReference(v)).toBeUndefined();
    }
  });
});

describe("walkAttribute", () => {
  it("treats index 0 on an object as the object and walks arrays", () => {
    expect(walkAttribute({ metadata: { name: "x" } }, ["metadata", "0", "name"])).toBe("x");
    expect(walkAttribute({ metadata: [{ name: "y" }] }, ["metadata", "0", "name"])).toBe("y");
    expect(walkAttribute({ metadata: [{ name: "y" }] }, ["metadata", "name"])).toBe("y");
    expect(walkAttribute({ port: [{ p: 1 }, { p: 2 }] }, ["port", "1", "p"])).toBe(2);
    expect(walkAttribute({ port: [{ p: 1 }] }, ["port", "3", "p"])).toBeUndefined();
    expect(walkAttribute({ metadata: { name: "x" } }, ["metadata", "1", "name"])).toBeUndefined();
    expect(walkAttribute({ a: 1 }, ["a", "b"])).toBeUndefined();
  });
});

describe("createRuleContext", () => {
  const ctx = createRuleContext(json);
  it("indexes by type and address in document order", () => {
    expect(ctx.resources.map((r) => r.address)).toEqual([
      "kubernetes_service_v1.db",
      "kubernetes_service_v1.arr",
      "kubernetes_deployment_v1.api",
      "kubernetes_deployment_v1.loop",
    ]);
    expect(ctx.byType("kubernetes_service_v1").map((r) => r.name)).toEqual(["db", "arr"]);
    expect(ctx.byType("nope")).toEqual([]);
    expect(ctx.get("kubernetes_deployment_v1.api")?.type).toBe("kubernetes_deployment_v1");
    expect(ctx.get("data.kubernetes_namespace_v1.existing")?.name).toBe("existing");
    expect(ctx.strict).toBe(false);
  });
  it("reads construct path and readystack facts", () => {
    const db = ctx.get("kubernetes_service_v1.db");
    expect(db?.constructPath).toBe("test/db/service");
    expect(db?.readystack).toEqual({ component: "database" });
    expect(ctx.get("kubernetes_service_v1.arr")?.readystack).toEqual({});
  });
  it("resolves references to the resource and static value", () => {
    const r = ctx.resolve("${kubernetes_service_v1.db.metadata[0].name}");
    expect(r?.resource.address).toBe("kubernetes_service_v1.db");
    expect(r?.attribute).toEqual(["metadata", "0", "name"]);
    expect(r?.value).toBe("db");
    expect(ctx.resolve("${kubernetes_service_v1.arr.metadata.0.name}")?.value).toBe("arr-svc");
    expect(ctx.resolve("${kubernetes_service_v1.missing.metadata[0].name}")).toBeUndefined();
    expect(ctx.resolve("db")).toBeUndefined();
    expect(ctx.resolve("${kubernetes_service_v1.db.id}")).toEqual({
      resource: ctx.get("kubernetes_service_v1.db"),
      attribute: ["id"],
    });
  });
  it("follows static values through chains, data sources and stops on cycles", () => {
    expect(ctx.staticValue("plain")).toBe("plain");
    expect(ctx.staticValue(5432)).toBe(5432);
    expect(ctx.staticValue("${kubernetes_deployment_v1.api.metadata[0].namespace}")).toBe("prod");
    expect(ctx.staticValue("${kubernetes_service_v1.db.id}")).toBeUndefined();
    expect(ctx.staticValue("${var.x}")).toBeUndefined();
    expect(ctx.staticValue("a-${kubernetes_service_v1.db.id}")).toBeUndefined();
    expect(ctx.staticValue("$${literal}")).toBe("$${literal}");
    expect(ctx.staticValue("${kubernetes_deployment_v1.loop.metadata[0].name}")).toBeUndefined();
  });
  it("carries strict", () => {
    expect(createRuleContext(json, { strict: true }).strict).toBe(true);
  });
});

describe("line numbers", () => {
  it("finds each resource key's line in pretty JSON", () => {
    const text = JSON.stringify(json, null, 2);
    const lines = text.split("\n");
    const ctx = createRuleContext(json, { source: text });
    for (const r of [...ctx.resources, ctx.get("data.kubernetes_namespace_v1.existing")!]) {
      expect(r.line).toBeGreaterThanOrEqual(1);
      expect(lines[r.line! - 1]).toContain(`"${r.name}": {`);
    }
  });
  it("works on compact and oddly indented JSON and ignores look-alike nested keys", () => {
    const text = '{"variable":{"x":{"resource":{"t":{"n":{}}}}},\n"resource":\n{\n\t"t": {"a": {"resource": {"t": {"zz": 1}}},\n\n "b" : {}}}}';
    const lines = resourceLines(text);
    expect(lines.get("t.a")).toBe(4);
    expect(lines.get("t.b")).toBe(6);
    expect(lines.get("t.n")).toBeUndefined();
    expect(lines.size).toBe(2);
  });
  it("handles escaped quotes in strings", () => {
    const text = '{\n"resource": {"t": {\n"a": {"x": "he said \\"}\\" {"},\n"b": {}}}}';
    const lines = resourceLines(text);
    expect(lines.get("t.a")).toBe(3);
    expect(lines.get("t.b")).toBe(4);
  });
});
