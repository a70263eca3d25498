import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

interface Transpile {
  sourceFiles(root?: string): { rel: string; mtimeMs: number }[];
  transpile(options?: { root?: string; outDir?: string }): { total: number; written: string[]; failures: string[] };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tool = require("../../../bin/transpile") as Transpile;

const ROOT = path.join(__dirname, "..", "..", "..");

describe("bin/transpile.js (the build of npm run synth)", () => {
  test("compiles exactly the TypeScript sources tsconfig.build.json compiles, and the JSON they import", () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.build.json"), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    });
    const tscFiles = (parsed?.fileNames ?? []).map((f) => path.relative(ROOT, f)).sort();
    const ours = tool.sourceFiles().map((f) => f.rel);
    expect(tscFiles.length).toBeGreaterThan(100);
    expect(ours.filter((f) => f.endsWith(".ts")).sort()).toEqual(tscFiles);
    expect(ours).toContain(path.join("lib", "readiness", "input", "provider-blocks.json"));
  });

  test("rewrites only what changed, and names a file that does not compile", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-transpile-"));
    const outDir = path.join(root, "dist");
    try {
      fs.mkdirSync(path.join(root, "lib"), { recursive: true });
      fs.writeFileSync(path.join(root, "main.ts"), 'import data from "./lib/data.json";\nimport { Box } from "./lib/box";\nexport const out = new Box(data.n).n;\n');
      fs.writeFileSync(path.join(root, "lib", "box.ts"), "export class Box {\n  readonly n: number;\n  constructor(n: number) {\n    this.n = n;\n  }\n}\n");
      fs.writeFileSync(path.join(root, "lib", "data.json"), '{ "n": 7 }\n');

      const first = tool.transpile({ root, outDir });
      expect(first.failures).toEqual([]);
      expect(first.written.sort()).toEqual(["lib/box.ts", "lib/data.json", "main.ts"]);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect((require(path.join(outDir, "main.js")) as { out: number }).out).toBe(7);

      expect(tool.transpile({ root, outDir }).written).toEqual([]);

      const later = new Date(Date.now() + 60_000);
      fs.utimesSync(path.join(root, "lib", "box.ts"), later, later);
      expect(tool.transpile({ root, outDir }).written).toEqual(["lib/box.ts"]);

      fs.writeFileSync(path.join(root, "lib", "broken.ts"), "export const = ;\n");
      const broken = tool.transpile({ root, outDir });
      expect(broken.failures).toHaveLength(1);
      expect(broken.failures[0]).toMatch(/^lib\/broken\.ts: /);
      expect(fs.existsSync(path.join(outDir, "lib", "broken.js"))).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
