import fc from "fast-check";
import { parseQuantity } from "../../../lib/k8s/validate";
import { memoryQuantityToBytes, renderRedisConfig, RedisConfigOptions } from "../../../lib/redis/redis-config";

const base: RedisConfigOptions = { port: 6379, maxmemory: "256Mi", maxmemoryPolicy: "allkeys-lru", appendonly: true, dir: "/data" };

function directives(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const i = line.indexOf(" ");
    const key = line.slice(0, i);
    expect(out.has(key)).toBe(false); // each directive once
    out.set(key, line.slice(i + 1));
  }
  return out;
}

describe("memoryQuantityToBytes", () => {
  test.each([
    ["256Mi", "268435456"],
    ["1Gi", "1073741824"],
    ["1.5Gi", "1610612736"],
    ["500M", "500000000"],
    ["100k", "100000"],
    ["1024", "1024"],
    ["8Ei", (2n ** 63n).toString()],
  ])("%s is %s bytes", (q, bytes) => {
    expect(memoryQuantityToBytes(q)).toBe(bytes);
  });

  test("agrees with parseQuantity on whole quantities (property)", () => {
    const suffixes = ["", "k", "M", "G", "Ki", "Mi", "Gi"] as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(...suffixes), (n, suffix) => {
        const q = `${n}${suffix}`;
        expect(memoryQuantityToBytes(q)).toBe(String(parseQuantity(q)));
      }),
    );
  });

  test.each(["", "256mb", "0", "0Mi", "-1Gi", "1.5", "0.1k5", "abc", "1m", " 1Gi"])("rejects %j", (q) => {
    expect(memoryQuantityToBytes(q)).toBeUndefined();
  });
});

describe("renderRedisConfig", () => {
  test("renders the directives with an exact byte maxmemory", () => {
    const d = directives(renderRedisConfig(base));
    expect(d.get("bind")).toBe("0.0.0.0");
    expect(d.get("protected-mode")).toBe("yes");
    expect(d.get("port")).toBe("6379");
    expect(d.get("maxmemory")).toBe("268435456");
    expect(d.get("maxmemory-policy")).toBe("allkeys-lru");
    expect(d.get("appendonly")).toBe("yes");
    expect(d.get("appendfsync")).toBe("everysec");
    expect(d.get("save")).toBe('""');
    expect(d.get("dir")).toBe("/data");
    expect(d.get("enable-debug-command")).toBe("no");
    expect(d.get("enable-protected-configs")).toBe("no");
    expect(d.has("requirepass")).toBe(false);
  });

  test("persistence off: appendonly no and no snapshots", () => {
    const d = directives(renderRedisConfig({ ...base, appendonly: false, maxmemory: "1Gi", maxmemoryPolicy: "volatile-ttl" }));
    expect(d.get("appendonly")).toBe("no");
    expect(d.get("save")).toBe('""');
    expect(d.get("maxmemory")).toBe("1073741824");
    expect(d.get("maxmemory-policy")).toBe("volatile-ttl");
  });

  test("is deterministic and ends with a newline", () => {
    const a = renderRedisConfig(base);
    expect(renderRedisConfig({ ...base })).toBe(a);
    expect(a.endsWith("\n")).toBe(true);
    expect(a).not.toMatch(/^requirepass/m);
  });

  test("rejects bad options", () => {
    expect(() => renderRedisConfig({ ...base, maxmemory: "256mb" })).toThrow(/maxmemory.*"256mb"/);
    expect(() => renderRedisConfig({ ...base, maxmemoryPolicy: "lru" })).toThrow(/maxmemory-policy.*"lru"/);
    expect(() => renderRedisConfig({ ...base, port: 0 })).toThrow(/port.*0/);
    expect(() => renderRedisConfig({ ...base, dir: "data dir" })).toThrow(/dir/);
  });
});
