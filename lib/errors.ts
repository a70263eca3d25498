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
