import { existsSync, mkdtempSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as fc from "fast-check";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ReadystackConfigError } from "../../lib/errors";
import { ApiService } from "../../lib/api/api-service";
import { HttpsIngress } from "../../lib/ingress/https-ingress";
import { LogAggregation } from "../../lib/logging/log-aggregation";
import { NetworkPolicies } from "../../lib/network/network-policies";
import { DatabaseMigrations } from "../../lib/postgres/database-migrations";
import { PostgresBackup } from "../../lib/postgres/postgres-backup";
import { PostgresDatabase } from "../../lib/postgres/postgres-database";
import { ReadyStack, ReadyStackProps } from "../../lib/ready-stack";
import { RedisCache } from "../../lib/redis/redis-cache";
import { buildReferenceStack, referenceProps } from "../../stacks/reference";
import { readyStackProps } from "./ready-stack-props";
import { withoutStackTraces } from "./support";

type Ctor = new (scope: Construct, id: string, props: never) => Construct;
const CONSTRUCTS: [string, Ctor][] = [
  ["PostgresDatabase", PostgresDatabase as unknown as Ctor],
  ["PostgresBackup", PostgresBackup as unknown as Ctor],
  ["DatabaseMigrations", DatabaseMigrations as unknown as Ctor],
  ["RedisCache", RedisCache as unknown as Ctor],
  ["ApiService", ApiService as unknown as Ctor],
  ["HttpsIngress", HttpsIngress as unknown as Ctor],
  ["LogAggregation", LogAggregation as unknown as Ctor],
  ["NetworkPolicies", NetworkPolicies as unknown as Ctor],
];

describe("a props argument that is not an object", () => {
  const notObjects: unknown[] = [undefined, null, "props", 5, true, ["namespace"]];
  it.each(CONSTRUCTS)("%s throws ReadystackConfigError, never a TypeError", (_name, ctor) => {
    for (const props of notObjects) {
      const stack = new TerraformStack(new App({ outdir: join(tmpdir(), "readystack-fuzz-unused") }), "fuzz");
      let error: unknown;
      try {
        new ctor(stack, "c", props as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReadystackConfigError);
      expect((error as ReadystackConfigError).message).toContain("fuzz/c");
    }
  });

  it("ReadyStack throws ReadystackConfigError", () => {
    for (const props of [undefined, null, "props", 5, ["namespace"]]) {
      expect(() => new ReadyStack(new App({ outdir: join(tmpdir(), "readystack-fuzz-unused") }), "fuzz", props as never)).toThrow(ReadystackConfigError);
    }
  });
});

/** What stacks/main.ts does: a fresh output directory, build, synth; an error ends the run before any file. */
function mainLike(outdir: string, props: ReadyStackProps): unknown {
  const app = new App({ outdir });
  rmSync(app.outdir, { recursive: true, force: true });
  try {
    buildReferenceStack(app, "fuzz", props);
    app.synth();
    return undefined;
  } catch (e) {
    return e;
  }
}

/** Every file below dir (empty when dir does not exist). */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

describe("a failing synth writes no half cdktf.out", () => {
  const temp = mkdtempSync(join(tmpdir(), "readystack-out-"));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it("an invalid prop throws before any file is written", () => {
    const outdir = join(temp, "invalid-cdktf.out");
    const error = withoutStackTraces(() => mainLike(outdir, { ...referenceProps(), api: { ...referenceProps().api, image: "api:latest" } }));
    expect(error).toBeInstanceOf(ReadystackConfigError);
    expect((error as Error).message).toMatch(/offgridflow|fuzz\/api: invalid image "api:latest"/);
    expect(filesBelow(outdir)).toEqual([]);
  });

  it("the valid reference props do write cdk.tf.json (the check above can see files)", () => {
    const outdir = join(temp, "valid-cdktf.out");
    expect(withoutStackTraces(() => mainLike(outdir, referenceProps()))).toBeUndefined();
    expect(filesBelow(outdir).some((f) => f.endsWith("cdk.tf.json"))).toBe(true);
  });

  it("for fuzzed invalid ReadyStack props, nothing lands in the output directory", () => {
    const outdir = join(temp, "fuzzed-cdktf.out");
    let rejected = 0;
    fc.assert(
      fc.property(readyStackProps.filter((g) => g.bad.length > 0), (gen) => {
        const error = withoutStackTraces(() => {
          const app = new App({ outdir });
          rmSync(app.outdir, { recursive: true, force: true });
          try {
            new ReadyStack(app, "fuzz", gen.props);
            app.synth();
          } catch (e) {
            return e;
          }
          return undefined;
        });
        if (error === undefined) return; // accepted (checked by the ReadyStack fuzz test)
        rejected++;
        expect(error).toBeInstanceOf(ReadystackConfigError);
        expect(filesBelow(outdir)).toEqual([]);
      }),
      { numRuns: 100 },
    );
    expect(rejected).toBeGreaterThan(50);
  });
});
