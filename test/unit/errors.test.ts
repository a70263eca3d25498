import { inspect } from "util";
import { ReadystackConfigError } from "../../lib/errors";

describe("ReadystackConfigError", () => {
  const error = new ReadystackConfigError("shop/db", "storageSize", "1Gb", 'a byte quantity such as "10Gi"');

  test("names the construct path, the field, the value and what is accepted", () => {
    expect(error.message).toBe('shop/db: invalid storageSize "1Gb"; expected a byte quantity such as "10Gi"');
    expect([error.constructPath, error.field, error.value, error.accepted]).toEqual(["shop/db", "storageSize", "1Gb", 'a byte quantity such as "10Gi"']);
    expect(error).toBeInstanceOf(Error);
  });

  test("prints as its message alone: no stack frames, no repeated fields", () => {
    expect(error.stack).toBe(`ReadystackConfigError: ${error.message}`);
    const printed = inspect(error);
    expect(printed.split(error.message)).toHaveLength(2);
    expect(printed).not.toMatch(/^\s+at /m);
    expect(printed).not.toContain("accepted:");
  });

  test("READYSTACK_DEBUG=1 keeps the frames for debugging readystack itself", () => {
    process.env.READYSTACK_DEBUG = "1";
    try {
      expect(new ReadystackConfigError("a", "b", 1, "c").stack).toMatch(/^\s+at /m);
    } finally {
      delete process.env.READYSTACK_DEBUG;
    }
  });
});
