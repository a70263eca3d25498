import * as fc from "fast-check";
import { RedisCache, RedisCacheProps } from "../../lib/redis/redis-cache";
import {
  badDnsLabel, badImage, badMemory, bool, badBool, dnsLabel, fuzz, image, optional, required, resourcesProp, tagged,
} from "./support";

export const redisCacheProps = tagged<RedisCacheProps>({
  namespace: required(dnsLabel, badDnsLabel),
  name: optional(fc.oneof(dnsLabel, fc.constant("r".repeat(52))), fc.oneof(badDnsLabel, fc.constant("r".repeat(53)))),
  image: optional(image, badImage),
  // All valid sizes stay below the smallest valid memoryLimit (1Gi) but not always below the default 512Mi.
  maxmemory: optional(fc.constantFrom("64Mi", "256Mi", "100M", "768Mi"), fc.oneof(badMemory, fc.constantFrom("0.5", "1.5"))),
  maxmemoryPolicy: optional(fc.constantFrom("noeviction", "allkeys-lru", "volatile-ttl"), fc.constantFrom("lru", "ALLKEYS-LRU", "")),
  persistence: optional(bool, badBool, 1, false),
  storageSize: optional(fc.constantFrom("1Gi", "5Gi"), badMemory),
  storageClassName: optional(fc.constantFrom("fast-ssd", "ebs.csi.aws.com"), fc.constantFrom("", "Fast", "a_b")),
  preventDestroy: optional(bool, badBool, 1, false),
  existingSecretName: optional(fc.constantFrom("redis-auth", "cache.secret"), fc.constantFrom("", "Redis", "-x"), 0.5),
  existingSecretKey: optional(fc.constantFrom("password", "redis-password"), fc.constantFrom("", "a b", "p/w"), 0.5),
  resources: resourcesProp,
});

describe("RedisCache fuzz", () => {
  it("synthesizes clean JSON or throws ReadystackConfigError naming the field (1000 prop sets)", () => {
    const counts = fuzz(redisCacheProps, (stack, props) => new RedisCache(stack, "redis", props), {
      // maxmemory must stay below resources.memoryLimit; existingSecretKey needs existingSecretName.
      relational: ["maxmemory", "existingSecretKey"],
    });
    expect(counts.synthesized).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(50);
  });
});
