import { FUZZ_RUNS } from "./support";
import { fuzzReadyStackPart, READY_STACK_PARTS } from "./ready-stack-fuzz";

describe(`ReadyStack fuzz, part 1 of ${READY_STACK_PARTS}`, () => {
  it(`synthesizes clean JSON or throws ReadystackConfigError naming the field (${FUZZ_RUNS / READY_STACK_PARTS} of ${FUZZ_RUNS} prop sets)`, () => {
    const counts = fuzzReadyStackPart(1);
    expect(counts.synthesized).toBeGreaterThan(50 / READY_STACK_PARTS);
    expect(counts.rejected).toBeGreaterThan(50 / READY_STACK_PARTS);
  });
});
