import type { ReadinessResult } from "./readiness/result";

/**
 * Errors readystack raises for a person to act on carry their whole explanation in the message. Their
 * `stack` is that message alone, so an uncaught one prints the explanation, not readystack's internal frames;
 * set `READYSTACK_DEBUG=1` to keep the frames.
 */
function hideFrames(error: Error, fields: readonly string[]): void {
  // Node prints an uncaught error's enumerable fields after its stack: keep the fields, but only the message prints.
  for (const field of fields) Object.defineProperty(error, field, { enumerable: false });
  if (process.env.READYSTACK_DEBUG) return;
  Object.defineProperty(error, "stack", {
    value: `${error.name}: ${error.message}`,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/**
 * The one error readystack throws for a wrong prop: it names the construct path, the field,
 * the bad value and the accepted form, so a mistake shows up at synth with a message a person can act on.
 */
export class ReadystackConfigError extends Error {
  /** Construct path where the bad prop was given (e.g. `reference/api`). */
  public readonly constructPath: string;
  /** Name of the prop (dotted for nested props, e.g. `autoscaling.minReplicas`). */
  public readonly field: string;
  /** The value that was rejected. */
  public readonly value: unknown;
  /** What would have been accepted. */
  public readonly accepted: string;

  constructor(constructPath: string, field: string, value: unknown, accepted: string) {
    super(`${constructPath}: invalid ${field} ${describeValue(value)}; expected ${accepted}`);
    this.name = "ReadystackConfigError";
    this.constructPath = constructPath;
    this.field = field;
    this.value = value;
    this.accepted = accepted;
    hideFrames(this, ["constructPath", "field", "value", "accepted"]);
  }
}

/**
 * A stack failed its readiness check ({@link Readiness.assertReady}, or a validation at synth): the message
 * has a header and one line per unmet finding, `RULE-ID address (construct path): message — fix: ...`.
 */
export class ReadinessError extends Error {
  /** The full result of the check, with every finding. */
  public readonly result: ReadinessResult;

  constructor(message: string, result: ReadinessResult) {
    super(message);
    this.name = "ReadinessError";
    this.result = result;
    hideFrames(this, ["result"]);
  }
}

/** Render a rejected value for a message: strings quoted, long values cut, never `[object Object]`. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = JSON.stringify(value);
  else if (value === undefined) text = "undefined";
  else if (typeof value === "number" || typeof value === "boolean" || value === null) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
