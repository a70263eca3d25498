/** Helm's error output, trimmed to the lines that say what is wrong. */

/** Lines Helm prints that never help: the debug hint and blank lines. */
const NOISE = [/^Use --debug flag/i, /^\s*$/];

/** At most this many lines of an error are kept. */
const MAX_LINES = 6;

/** The useful text of a failed Helm command (its stderr, else the error message), without the `Error: ` prefix. */
export function helmErrorText(error: unknown): string {
  const e = error as { stderr?: unknown; message?: unknown; code?: unknown; signal?: unknown };
  if (e.code === "ETIMEDOUT" || e.signal === "SIGTERM") return "Helm did not finish within the timeout";
  const raw =
    typeof e.stderr === "string" && e.stderr.trim() !== ""
      ? e.stderr
      : Buffer.isBuffer(e.stderr) && e.stderr.length > 0
        ? e.stderr.toString("utf8")
        : typeof e.message === "string"
          ? e.message
          : String(error);
  const all = raw
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => !NOISE.some((n) => n.test(l)));
  // Helm prints warnings (e.g. about skipped CRDs) before the error; keep from the error on.
  const start = all.findIndex((x) => /^Error:/.test(x));
  const lines = (start < 0 ? all : all.slice(start)).map((l) => l.replace(/^Error:\s*/, ""));
  const kept = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) kept.push(`… (${lines.length - MAX_LINES} more line(s))`);
  return kept.join(" ").replace(/\s+/g, " ").trim();
}
