import * as fc from "fast-check";
import { CronExpressionParser } from "cron-parser";
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { ReadystackConfigError } from "../../../lib/errors";
import { cronScheduleProblem, MAX_CRON_LENGTH } from "../../../lib/k8s/cron-schedule";
import { PropValidator } from "../../../lib/k8s/validate";

/** cron-parser, the oracle: does it parse the five-field schedule? */
function oracleAccepts(schedule: string): boolean {
  try {
    CronExpressionParser.parse(schedule);
    return true;
  } catch {
    return false;
  }
}

const accepts = (schedule: string): boolean => cronScheduleProblem(schedule) === undefined;

/** A schedule drawn from the Kubernetes grammar, values a little beyond each field's bounds included. */
interface Drawn {
  readonly schedule: string;
  /** Day of week 7: cron-parser reads it as Sunday, the Kubernetes API server rejects it. */
  readonly usesDayOfWeek7: boolean;
}

function fieldArb(min: number, max: number, names: readonly string[] = []): fc.Arbitrary<{ text: string; values: number[] }> {
  const value = fc.oneof(
    { arbitrary: fc.integer({ min, max }).map((n) => ({ text: String(n), n })), weight: 12 },
    { arbitrary: fc.constantFrom(Math.max(0, min - 1), max + 1).map((n) => ({ text: String(n), n })), weight: 1 },
    { arbitrary: fc.integer({ min, max }).map((n) => ({ text: `0${n}`, n })), weight: 1 },
    ...(names.length > 0
      ? [
          {
            arbitrary: fc.integer({ min: 0, max: names.length - 1 }).chain((i) =>
              fc.constantFrom(names[i], names[i].toUpperCase(), names[i][0].toUpperCase() + names[i].slice(1)).map((text) => ({ text, n: min + i })),
            ),
            weight: 3,
          },
          { arbitrary: fc.constantFrom("xyz", "janu", "mo").map((text) => ({ text, n: -1 })), weight: 1 },
        ]
      : []),
  );
  const step = fc.option(fc.oneof({ arbitrary: fc.integer({ min: 1, max: max + 2 }), weight: 12 }, { arbitrary: fc.constant(0), weight: 1 }), { nil: undefined, freq: 2 });
  const item = fc.oneof(
    fc.tuple(fc.constantFrom("*", "?"), step).map(([w, s]) => ({ text: s === undefined ? w : `${w}/${s}`, values: [] as number[] })),
    fc.tuple(value, step).map(([v, s]) => ({ text: s === undefined ? v.text : `${v.text}/${s}`, values: [v.n] })),
    // Ranges mostly in order, sometimes backwards.
    fc.tuple(value, value, step, fc.integer({ min: 0, max: 7 })).map(([a, b, s, backwards]) => {
      const [lo, hi] = backwards === 0 || a.n <= b.n ? [a, b] : [b, a];
      return { text: `${lo.text}-${hi.text}${s === undefined ? "" : `/${s}`}`, values: [lo.n, hi.n] };
    }),
  );
  const list = (n: number) => fc.array(item, { minLength: n, maxLength: n }).map((items) => ({ text: items.map((i) => i.text).join(","), values: items.flatMap((i) => i.values) }));
  return fc.oneof({ arbitrary: fc.constant({ text: "*", values: [] as number[] }), weight: 4 }, { arbitrary: list(1), weight: 8 }, { arbitrary: list(2), weight: 1 }, { arbitrary: list(3), weight: 1 });
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const grammar: fc.Arbitrary<Drawn> = fc
  .tuple(fieldArb(0, 59), fieldArb(0, 23), fieldArb(1, 31), fieldArb(1, 12, MONTHS), fieldArb(0, 6, DAYS), fc.constantFrom(" ", "  ", "\t"))
  .map(([mi, h, dom, mo, dow, sep]) => ({
    schedule: [mi.text, h.text, dom.text, mo.text, dow.text].join(sep),
    usesDayOfWeek7: dow.values.includes(7),
  }));

/** Any text made of cron characters, the extensions Kubernetes does not know (L W # H) included. */
const cronish = fc
  .array(fc.array(fc.constantFrom(..."0123456789*?,/-LW#H ".split(""), "1", "5", "30", "mon", "JAN"), { minLength: 1, maxLength: 6 }).map((cs) => cs.join("")), {
    minLength: 5,
    maxLength: 5,
  })
  .map((fields) => fields.join(" "));

describe("cronScheduleProblem (the CronJob schedule check)", () => {
  test("agrees with cron-parser on the Kubernetes grammar, except day of week 7 which Kubernetes rejects", () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(grammar, ({ schedule, usesDayOfWeek7 }) => {
        const expected = oracleAccepts(schedule) && !usesDayOfWeek7;
        if (accepts(schedule) !== expected) expect({ schedule, accepted: accepts(schedule) }).toEqual({ schedule, accepted: expected });
        if (expected) accepted++;
        else rejected++;
      }),
      { numRuns: 1000 },
    );
    // The generator must exercise both outcomes.
    expect(accepted).toBeGreaterThan(200);
    expect(rejected).toBeGreaterThan(200);
  });

  test("accepts nothing cron-parser rejects, on any text of cron characters", () => {
    fc.assert(
      fc.property(cronish, (schedule) => {
        if (accepts(schedule) && !oracleAccepts(schedule)) expect({ schedule, oracle: false }).toEqual({ schedule, oracle: true });
      }),
      { numRuns: 1000 },
    );
  });

  test.each([
    "0 3 * * *",
    "*/15 * * * *",
    "30 2 * * 1-5",
    "0 0 1 * *",
    "0 3 * * MON-FRI",
    "0 3 * jan,Jul sun",
    "0/5 1-10/3 ? * *",
    "5/15 * * * *",
    "0-59/100 * * * *",
    "00 007 * * *",
    "0 0 29 2 *",
    "0 0 31 2 1",
    "0\t3 * *  *",
  ])("accepts %j, as cron-parser does", (schedule) => {
    expect(cronScheduleProblem(schedule)).toBeUndefined();
    expect(oracleAccepts(schedule)).toBe(true);
  });

  test.each([
    ["61 * * * *", "minute 61 is outside 0-59"],
    ["* 24 * * *", "hour 24 is outside 0-23"],
    ["* * 0 * *", "day of month 0 is outside 1-31"],
    ["* * * 13 *", "month 13 is outside 1-12 or JAN-DEC"],
    ["* * * * 7", "day of week 7 is outside 0-6 or SUN-SAT"],
    ["0 3 * * MON-XYZ", 'day of week "XYZ" is not one of 0-6 or SUN-SAT'],
    ["* * * * MONDAY", 'day of week "MONDAY" is not one of 0-6 or SUN-SAT'],
    ["* * L * *", 'day of month "L" is not one of 1-31'],
    ["* * * * 1#2", 'day of week "1#2" is not *, a value, a range a-b or a step x/n'],
    ["H * * * *", 'minute "H" is not one of 0-59'],
    ["5-1 * * * *", "minute range 5-1 runs backwards"],
    ["*/0 * * * *", "minute step in */0 must be a whole number of at least 1"],
    ["1,,2 * * * *", 'minute "" is not *, a value, a range a-b or a step x/n'],
    ["*-5 * * * *", 'minute "*-5" is not *, a value, a range a-b or a step x/n'],
    ["1-5,3 * * * *", "minute 3 is listed twice in 1-5,3"],
    ["0 0 30 2 *", "day of month 30 never occurs in month 2"],
    ["0 0 31 apr,jun *", "day of month 31 never occurs in month apr,jun"],
  ])("rejects %j: %s", (schedule, problem) => {
    expect(cronScheduleProblem(schedule)).toBe(problem);
  });

  test("refuses overlong schedules", () => {
    const long = `${"0".repeat(MAX_CRON_LENGTH)}1 * * * *`;
    expect(cronScheduleProblem(long)).toBe(`longer than ${MAX_CRON_LENGTH} characters`);
    expect(oracleAccepts(long)).toBe(false);
  });
});

describe("PropValidator.cron", () => {
  const v = new PropValidator(new Construct(new TerraformStack(Testing.app(), "test"), "backup"));

  test("names the field, the value and what is accepted, with the reason", () => {
    let error: unknown;
    try {
      v.cron("schedule", "0 25 * * *");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReadystackConfigError);
    expect((error as ReadystackConfigError).message).toBe(
      'test/backup: invalid schedule "0 25 * * *"; expected a 5-field cron schedule such as "0 3 * * *" or a macro such as "@daily" (hour 25 is outside 0-23)',
    );
    expect((error as ReadystackConfigError).field).toBe("schedule");
  });

  test("loads no cron library", () => {
    jest.isolateModules(() => {
      jest.doMock("cron-parser", () => {
        throw new Error("cron-parser was loaded by the schedule check");
      });
      jest.doMock("luxon", () => {
        throw new Error("luxon was loaded by the schedule check");
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { PropValidator: Isolated } = require("../../../lib/k8s/validate") as typeof import("../../../lib/k8s/validate");
      const iv = new Isolated(new Construct(new TerraformStack(Testing.app(), "test"), "backup"));
      expect(iv.cron("schedule", "0 3 * * 1-5")).toBe("0 3 * * 1-5");
      expect(() => iv.cron("schedule", "0 3 * * 8")).toThrow(/day of week 8 is outside 0-6/);
    });
  });
});
