import { App } from "cdktf";
import { ReadyStack, ReadyStackProps } from "../../lib/ready-stack";
import { readyStackProps } from "./ready-stack-props";
import { fuzz } from "./support";

describe("ReadyStack fuzz", () => {
  it("synthesizes clean JSON or throws ReadystackConfigError naming the field (1000 prop sets)", () => {
    const counts = fuzz(readyStackProps, (app, props) => new ReadyStack(app as unknown as App, "fuzz", props as ReadyStackProps), {
      ownStack: true,
      // The migrator runs the API image in command mode, so a bad api.image is reported by migrations first;
      // Redis maxmemory must stay below its memory limit (512Mi by default).
      relational: ["migrations.image", "redis.maxmemory"],
    });
    expect(counts.synthesized).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(50);
  });
});

