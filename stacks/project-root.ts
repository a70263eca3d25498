import * as fs from "fs";
import * as path from "path";

/** The repository root (the folder with readystack's package.json), from source or from dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "cdktf.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`readystack: cannot find the project root above ${__dirname}`);
    dir = parent;
  }
}
