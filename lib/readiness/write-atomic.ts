import { lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from "fs";
import { basename, dirname, join, resolve } from "path";

/**
 * The file a write to `path` should land in: through symbolic links (a link stays a link, its target gets
 * the content), the path itself otherwise. Follows dangling links too, so a link to a file not yet written
 * creates that file.
 */
export function writeTarget(path: string): string {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return current; // does not exist yet
    }
    if (!isLink) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: "ELOOP" });
}

/**
 * Write a file so that readers never see half of it: write a temp file beside it, then rename over. A
 * symbolic link is written through (its target is replaced, the link stays); a target that exists and is not
 * a regular file (a FIFO, a character device) is written directly, as renaming over it would replace it.
 */
export function writeFileAtomic(path: string, content: string): void {
  const target = writeTarget(path);
  let special = false;
  try {
    special = !statSync(target).isFile();
  } catch {
    special = false;
  }
  if (special) {
    writeFileSync(target, content);
    return;
  }
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
