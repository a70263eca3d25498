import { existsSync, readFileSync, rmSync } from "fs";
import { join } from "path";
import { App, TerraformStack } from "cdktf";
import { afterEverySynth } from "./cdktf-internals";

/**
 * Reports beside a cdk.tf.json must describe that cdk.tf.json. cdktf rewrites cdk.tf.json on every synth but
 * never empties the stack's folder, so after `Readiness.check` is removed from a stack (or a report format is
 * dropped) its readiness.* files of an earlier synth would stay and look current. Every `App.synth()` in a
 * process that loaded readystack therefore ends by deleting, in each of the app's stack folders, the readiness
 * reports that this synth did not write. Only files readystack wrote are deleted (their content names
 * readystack); a stack folder of an app that no longer loads readystack at all is not touched.
 */

/** The report file names readystack writes beside cdk.tf.json. */
const REPORT_NAMES = ["readiness.json", "readiness.md", "readiness.sarif"] as const;

/** Report files written by the current synth, per stack folder. */
const writtenThisSynth = new Map<string, Set<string>>();

/** `stacks/<id>` under the app's outdir: where cdktf writes the stack's cdk.tf.json. */
export function stackDirectory(stack: TerraformStack): string {
  return join(App.of(stack).outdir, "stacks", stack.node.id);
}

/** Record that the readiness check wrote `file` (a path) into the stack folder `dir` during this synth. */
export function recordReport(dir: string, file: string): void {
  const names = writtenThisSynth.get(dir) ?? new Set<string>();
  names.add(file);
  writtenThisSynth.set(dir, names);
}

function writtenByReadystack(file: string): boolean {
  try {
    return readFileSync(file, "utf8").includes("readystack");
  } catch {
    return false;
  }
}

/** Delete the readystack reports in the app's stack folders that this synth did not write. Returns what it deleted. */
export function removeStaleReports(app: App): string[] {
  const removed: string[] = [];
  for (const stack of app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c))) {
    const dir = stackDirectory(stack);
    const written = writtenThisSynth.get(dir) ?? new Set<string>();
    writtenThisSynth.delete(dir);
    for (const name of REPORT_NAMES) {
      const file = join(dir, name);
      if (written.has(file) || !existsSync(file) || !writtenByReadystack(file)) continue;
      rmSync(file, { force: true });
      removed.push(file);
    }
  }
  return removed;
}

let installed = false;

/** Make every `App.synth()` end with {@link removeStaleReports}. Idempotent. */
export function cleanStaleReportsAfterSynth(): void {
  if (installed) return;
  installed = true;
  afterEverySynth((app) => removeStaleReports(app));
}
