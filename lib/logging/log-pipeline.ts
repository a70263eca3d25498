/**
 * The one log-parsing contract both shippers implement: the API writes one JSON object per line with
 * `level`, `msg` (or `message`) and `time` (or `ts`). Promtail and Alloy both extract those fields with
 * JMESPath, turn `level` into a Loki label and use `time` as the entry's timestamp.
 */

/** JMESPath expressions of the `json` stage: extracted name → expression. */
export const JSON_FIELDS: Readonly<Record<string, string>> = {
  level: "level",
  msg: "msg || message",
  time: "time || ts",
};

/** Extracted fields promoted to Loki labels (low cardinality only). */
export const LABEL_FIELDS: readonly string[] = ["level"];

/** Timestamp stage settings: RFC 3339 (with or without fractional seconds); lines without it keep the read time. */
export const TIMESTAMP = { source: "time", format: "RFC3339Nano", actionOnFailure: "skip" } as const;

/** Loki's push path. */
export const LOKI_PUSH_PATH = "/loki/api/v1/push";
