import { App } from "cdktf";
import { ReadyStack, ReadyStackProps } from "../../lib/ready-stack";
import { readyStackProps } from "./ready-stack-props";
import { fuzz } from "./support";

const referenceLike: ReadyStackProps = {
  namespace: "app",
  backend: { kubernetes: { secretSuffix: "app" } },
  api: { image: "ghcr.io/org/api:1.0.0" },
  migrations: { command: ["./migrate"] },
  ingress: { hosts: ["api.example.com"], acmeEmail: "ops@example.com" },
};

describe("ReadyStack fuzz", () => {
  it("synthesizes clean JSON or throws ReadystackConfigError naming the field (1000 prop sets)", () => {
    const counts = fuzz(readyStackProps, (app, props) => new ReadyStack(app as unknown as App, "fuzz", props as ReadyStackProps), {
      ownStack: true,
      // The migrator runs the API image in command mode, so a bad api.image is reported by migrations first;
      // Redis maxmemory must stay below its memory limit (512Mi by default).
      relational: ["migrations.image", "redis.maxmemory"],
      examples: [
        // seed 138279857: redis: -1 and cluster: garbage were spread into nothing and ignored.
        { props: { ...referenceLike, redis: -1 as never }, bad: ["redis"], lenient: [] },
        { props: { ...referenceLike, cluster: { configPath: "" } }, bad: ["cluster"], lenient: [] },
        { props: referenceLike, bad: [], lenient: [] },
      ],
    });
    expect(counts.synthesized).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(50);
  });
});

