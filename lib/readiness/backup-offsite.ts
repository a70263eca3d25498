/**
 * The off-site copy of a stack's Postgres backups as its CronJobs configure it (RS-BACKUP): the uploader that runs
 * after the dump (`offsite.sh upload`, or any container running it), the download step of the restore-verify job
 * and the directory verify-restore reads. Configuration only: nothing here shows that a run succeeded.
 */
import { allContainers, commandLine, envByName, staticString, type ContainerView, type EnvVar, type Workload } from "./k8s-model";
import type { RuleContext } from "./types";

/** Where the off-site objects are, as the env of an uploader or downloader sets it. */
export interface OffsiteTarget {
  /** OFFSITE_BUCKET (statically known, else the expression as written). */
  readonly bucket: string;
  /** OFFSITE_PREFIX without leading/trailing slashes ("" when unset). */
  readonly prefix: string;
  /** OFFSITE_ENDPOINT, when set (AWS S3 otherwise). */
  readonly endpoint?: string;
}

/** `offsite.sh`'s default download directory (lib/scripts/offsite.sh). */
const DEFAULT_DOWNLOAD_DIR = "/tmp/offsite";
/** verify-restore.sh's default BACKUP_DIR (lib/scripts/verify-restore.sh). */
const DEFAULT_BACKUP_DIR = "/backups";

function envText(ctx: RuleContext, e: EnvVar | undefined): string | undefined {
  if (!e || e.value === undefined) return undefined;
  return staticString(ctx, e.value) ?? (typeof e.value === "string" ? e.value : undefined);
}

/** Whether a container runs `offsite.sh <step>`. */
function runsOffsite(ctx: RuleContext, c: ContainerView, step: "upload" | "download"): boolean {
  const line = commandLine(ctx, c);
  return line.some((a) => /(^|\/|\s)offsite\.sh(\s|$)/.test(a)) && line.some((a) => a === step || new RegExp(`offsite\\.sh\\s+${step}(\\s|$)`).test(a));
}

/** The off-site target a container's env names; undefined without OFFSITE_BUCKET. */
export function offsiteTarget(ctx: RuleContext, c: ContainerView): OffsiteTarget | undefined {
  const bucket = envText(ctx, envByName(c, "OFFSITE_BUCKET"));
  if (bucket === undefined || bucket.trim() === "") return undefined;
  const prefix = (envText(ctx, envByName(c, "OFFSITE_PREFIX")) ?? "").replace(/^\/+|\/+$/g, "");
  const endpoint = envText(ctx, envByName(c, "OFFSITE_ENDPOINT"));
  return { bucket, prefix, ...(endpoint !== undefined && endpoint !== "" ? { endpoint } : {}) };
}

/** `s3://bucket/prefix via endpoint` (or `via AWS S3`). */
export function describeTarget(t: OffsiteTarget): string {
  return `s3://${t.bucket}${t.prefix !== "" ? `/${t.prefix}` : ""} via ${t.endpoint ?? "AWS S3"}`;
}

/** Whether two targets are the same place. */
export function sameTarget(a: OffsiteTarget, b: OffsiteTarget): boolean {
  return a.bucket === b.bucket && a.prefix === b.prefix && (a.endpoint ?? "") === (b.endpoint ?? "");
}

/** What a backup CronJob's off-site upload looks like: a target, or why it has none. */
export type OffsiteUpload = { readonly target: OffsiteTarget; readonly container: ContainerView } | { readonly problem: string };

/** The uploader of a backup CronJob: a container running `offsite.sh upload` after the dump (the PGHOST container). */
export function offsiteUpload(ctx: RuleContext, w: Workload): OffsiteUpload {
  const order = allContainers(w); // the order they run: init containers one by one, then the main ones together
  const uploader = order.find((c) => runsOffsite(ctx, c, "upload"));
  if (!uploader) return { problem: "no container runs `offsite.sh upload` after the dump" };
  // The dump: the container running backup.sh, else the last one with PGHOST (a wait-for-postgres step comes before it).
  const dump =
    order.find((c) => c !== uploader && commandLine(ctx, c).some((a) => /(^|\/|\s)backup\.sh(\s|$)/.test(a))) ??
    order.filter((c) => c !== uploader && envByName(c, "PGHOST") !== undefined).pop();
  const after = dump !== undefined && dump.init && (!uploader.init || order.indexOf(dump) < order.indexOf(uploader));
  if (dump !== undefined && !after) return { problem: `the uploader ${uploader.label} does not run after the dump ${dump.label} (the dump must be an init container before it)` };
  const target = offsiteTarget(ctx, uploader);
  if (!target) return { problem: `the uploader ${uploader.label} has no OFFSITE_BUCKET` };
  return { target, container: uploader };
}

/** What a restore-verify job reads: the off-site target its download step fetches into verify-restore's BACKUP_DIR, or why not. */
export type OffsiteRead = { readonly target: OffsiteTarget; readonly dir: string } | { readonly problem: string };

/** Whether a restore-verify workload restores from the off-site copy: a download init container feeding BACKUP_DIR. */
export function offsiteRead(ctx: RuleContext, w: Workload): OffsiteRead {
  const download = w.initContainers.find((c) => runsOffsite(ctx, c, "download"));
  if (!download) return { problem: "no init container runs `offsite.sh download` before the restore check" };
  const target = offsiteTarget(ctx, download);
  if (!target) return { problem: `the download step ${download.label} has no OFFSITE_BUCKET` };
  const dir = envText(ctx, envByName(download, "OFFSITE_DOWNLOAD_DIR")) ?? DEFAULT_DOWNLOAD_DIR;
  const verifier = w.containers.find((c) => commandLine(ctx, c).some((a) => /verify-restore\.sh/.test(a))) ?? w.containers.find((c) => envByName(c, "BACKUP_DIR"));
  const read = verifier ? envText(ctx, envByName(verifier, "BACKUP_DIR")) ?? DEFAULT_BACKUP_DIR : undefined;
  if (verifier === undefined) return { problem: "no container reads the downloaded dumps (no verify-restore.sh container)" };
  if (read !== dir) return { problem: `${verifier.label} reads BACKUP_DIR "${read}", not the download directory "${dir}" (it restores the local dumps)` };
  return { target, dir };
}
