/**
 * The five-field schedule of a Kubernetes CronJob, checked without a cron library (the check runs on every
 * synth; a cron library and its date library cost more to load than the rest of the validation).
 *
 * The grammar is the one the Kubernetes API server parses (robfig/cron's standard parser): per field a
 * comma-separated list of `*`, `?`, a value or a range `a-b`, each optionally stepped `/n`; `v/n` means
 * `v-max/n`; month and day-of-week also take three-letter names, case-insensitive. Kubernetes bounds the day
 * of week to 0-6 (Sunday is 0, not 7) and knows no `L`, `W`, `#` or `H`. On top, like the widespread cron
 * libraries, it rejects what is certainly a mistake: a value listed twice in one field, and a day of month
 * that never occurs in the months given (`0 0 30 2 *`).
 */

/** One field of a five-field schedule. */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names of the values from `min` on, lower-case. */
  readonly names?: readonly string[];
  /**
   * Day of week: Kubernetes takes 0-6, but most cron libraries also read 7 as Sunday and run an
   * open-ended step (`*\/n`, `v/n`) up to 7. Such a step that lands on 7 selects Sunday for them.
   */
  readonly sevenIsSunday?: boolean;
}

const FIELDS: readonly CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] },
  { name: "day of week", min: 0, max: 6, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], sevenIsSunday: true },
];

/** Longest length of each month (February in a leap year). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Longer schedules are refused outright (no sensible schedule comes near). */
export const MAX_CRON_LENGTH = 1024;

/** `*` or `?`, or a value or range; then an optional step. */
const ITEM = /^(?:([*?])|([0-9]+|[A-Za-z]+)(?:-([0-9]+|[A-Za-z]+))?)(?:\/([0-9]+))?$/;

/** What a field accepts, for the error message. */
function acceptedValues(f: CronField): string {
  const names = f.names ? ` or ${f.names[0].toUpperCase()}-${f.names[f.names.length - 1].toUpperCase()}` : "";
  return `${f.min}-${f.max}${names}`;
}

/** A value of the field as a number, or the problem with it. */
function valueOf(f: CronField, text: string): number | string {
  if (/^[0-9]+$/.test(text)) {
    const n = Number(text);
    return n >= f.min && n <= f.max ? n : `${f.name} ${text} is outside ${acceptedValues(f)}`;
  }
  const i = f.names ? f.names.indexOf(text.toLowerCase()) : -1;
  return i >= 0 ? f.min + i : `${f.name} ${JSON.stringify(text)} is not one of ${acceptedValues(f)}`;
}

/** The values each list item of a field selects, or the problem with the field. */
function itemValues(f: CronField, text: string): number[][] | string {
  const items: number[][] = [];
  for (const item of text.split(",")) {
    const m = ITEM.exec(item);
    if (!m) return `${f.name} ${JSON.stringify(item)} is not *, a value, a range a-b or a step x/n`;
    let start = f.min;
    let end = f.max;
    if (m[1] === undefined) {
      const first = valueOf(f, m[2]);
      if (typeof first === "string") return first;
      const last = m[3] !== undefined ? valueOf(f, m[3]) : m[4] !== undefined ? f.max : first;
      if (typeof last === "string") return last;
      if (first > last) return `${f.name} range ${item} runs backwards`;
      start = first;
      end = last;
    }
    const step = m[4] === undefined ? 1 : Number(m[4]);
    if (!Number.isSafeInteger(step) || step < 1) return `${f.name} step in ${item} must be a whole number of at least 1`;
    const values = new Set<number>();
    for (let v = start; v <= end; v += step) values.add(v);
    const openEnded = m[1] !== undefined || (m[3] === undefined && m[4] !== undefined);
    if (f.sevenIsSunday && openEnded && (7 - start) % step === 0) values.add(0);
    items.push([...values]);
  }
  return items;
}

/** A value that two list items of a field both select (among the values `counts` keeps), if any. */
function listedTwice(items: readonly number[][], counts: (v: number) => boolean): number | undefined {
  const seen = new Set<number>();
  for (const values of items) {
    for (const v of values) {
      if (!counts(v)) continue;
      if (seen.has(v)) return v;
      seen.add(v);
    }
  }
  return undefined;
}

/**
 * Why `schedule` (five fields separated by spaces or tabs) is not a Kubernetes CronJob schedule, or
 * `undefined` when it is one. Macros such as `@daily` are not handled here.
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  if (schedule.length > MAX_CRON_LENGTH) return `longer than ${MAX_CRON_LENGTH} characters`;
  const parts = schedule.split(/[ \t]+/);
  if (parts.length !== FIELDS.length) return `${parts.length} fields separated by spaces, 5 expected (minute hour day-of-month month day-of-week)`;
  const items: number[][][] = [];
  for (let i = 0; i < FIELDS.length; i++) {
    const it = itemValues(FIELDS[i], parts[i]);
    if (typeof it === "string") return it;
    items.push(it);
  }
  const values = items.map((it) => [...new Set(it.flat())]);
  const [, , days, months] = values;
  for (let i = 0; i < FIELDS.length; i++) {
    // In a single month, days it does not have are dropped before the duplicate check (unless no day is left).
    const monthDays = months.length === 1 ? DAYS_IN_MONTH[months[0] - 1] : 31;
    const counts = i === 2 && days.some((d) => d <= monthDays) ? (d: number) => d <= monthDays : () => true;
    const twice = listedTwice(items[i], counts);
    if (twice !== undefined) {
      const sunday = FIELDS[i].sevenIsSunday && twice === 0 ? " (an open step such as */n or v/n that lands on 7 selects Sunday, 0, too)" : "";
      return `${FIELDS[i].name} ${twice} is listed twice in ${parts[i]}${sunday}`;
    }
  }
  // When the day of week is restricted, the job runs on matching weekdays too: the day of month need not occur.
  if (parts[4] === "*" || parts[4] === "?") {
    const firstDay = Math.min(...days);
    const longestMonth = Math.max(...months.map((m) => DAYS_IN_MONTH[m - 1]));
    if (firstDay > longestMonth) return `day of month ${parts[2]} never occurs in month ${parts[3]}`;
  }
  return undefined;
}
