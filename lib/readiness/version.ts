import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";

let cached: string | undefined;

/** readystack's version from its package.json (found by walking up from this file, in lib/ or dist/lib/). */
export function readystackVersion(): string {
  if (cached !== undefined) return cached;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
        if (pkg.name === "readystack" && typeof pkg.version === "string") {
          cached = pkg.version;
          return cached;
        }
      } catch {
        // keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  cached = "0.0.0";
  return cached;
}

/** Where readystack is documented (SARIF informationUri). */
export const INFORMATION_URI = "https://github.com/readystack/readystack";
