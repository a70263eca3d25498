import { readFileSync } from "fs";
import { join } from "path";
import { CHARTS, IMAGES } from "../../../lib/versions";

// renovate.json's custom managers must find every pin in lib/versions.ts, with the right package and version;
// otherwise a pin silently stops getting update proposals.

interface CustomManager {
  readonly customType: string;
  readonly managerFilePatterns: readonly string[];
  readonly matchStrings: readonly string[];
}

const ROOT = join(__dirname, "..", "..", "..");
const config = JSON.parse(readFileSync(join(ROOT, "renovate.json"), "utf8")) as { customManagers: CustomManager[] };
const source = readFileSync(join(ROOT, "lib", "versions.ts"), "utf8");

/** What the managers extract from lib/versions.ts: `datasource depName registryUrl currentValue` per match. */
function extracted(): string[] {
  const out: string[] = [];
  for (const m of config.customManagers) {
    expect(m.customType).toBe("regex");
    // managerFilePatterns in the /regex/ form must select lib/versions.ts.
    expect(m.managerFilePatterns.some((p) => p.startsWith("/") && new RegExp(p.slice(1, p.lastIndexOf("/"))).test("lib/versions.ts"))).toBe(true);
    for (const s of m.matchStrings) {
      for (const hit of source.matchAll(new RegExp(s, "g"))) {
        const g = hit.groups ?? {};
        out.push([g.datasource, g.depName, g.registryUrl ?? "-", g.currentValue].join(" "));
      }
    }
  }
  return out.sort();
}

describe("renovate.json custom managers", () => {
  test("find every chart and image pin of lib/versions.ts, exactly once", () => {
    const expected = [
      ...Object.values(CHARTS).map((c) => `helm ${c.chart} ${c.repository} ${c.version}`),
      ...Object.values(IMAGES).map((i) => `docker ${i.slice(0, i.lastIndexOf(":"))} - ${i.slice(i.lastIndexOf(":") + 1)}`),
    ].sort();
    expect(extracted()).toEqual(expected);
  });

  test("every pin carries its renovate comment right above it", () => {
    const pins = (source.match(/^\s+\w+: (\{ repository: |")/gm) ?? []).length;
    const comments = (source.match(/^\s+\/\/ renovate: /gm) ?? []).length;
    expect(pins).toBe(Object.keys(CHARTS).length + Object.keys(IMAGES).length);
    expect(comments).toBe(pins);
  });
});
