import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// `import { ApiService } from "readystack"` from another project: resolve the package by name through
// package.json's main/types/exports, as a consumer's node does (dist/ is built by `npm ci` via prepare).
const root = path.resolve(__dirname, "..", "..");

test("the package resolves by name and exports the constructs", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  expect(pkg.name).toBe("readystack");
  expect(pkg.exports["."].types).toBe("./dist/lib/index.d.ts");
  if (!fs.existsSync(path.join(root, pkg.main))) {
    throw new Error(`${pkg.main} is missing: run \`npm run build\` (npm ci runs it through the prepare script)`);
  }
  const consumer = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-consumer-"));
  fs.mkdirSync(path.join(consumer, "node_modules"));
  fs.symlinkSync(root, path.join(consumer, "node_modules", "readystack"), "dir");
  const out = execFileSync(
    process.execPath,
    ["-e", 'const r = require("readystack"); console.log(["ApiService","PostgresDatabase","ReadyStack","Readiness","ReadystackConfigError"].map((n) => n + ":" + typeof r[n]).join(","))'],
    { cwd: consumer, encoding: "utf8" },
  );
  expect(out.trim()).toBe("ApiService:function,PostgresDatabase:function,ReadyStack:function,Readiness:function,ReadystackConfigError:function");
  expect(fs.existsSync(path.join(root, "dist", "lib", "index.d.ts"))).toBe(true);
});
