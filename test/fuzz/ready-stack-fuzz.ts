/**
 * The ReadyStack fuzz property, shared by the test files that split its FUZZ_RUNS prop sets between them
 * (ReadyStack is the slowest construct to build; halves run on both jest workers at once).
 */
import { App } from "cdktf";
import { ReadyStack, ReadyStackProps } from "../../lib/ready-stack";
import { readyStackProps } from "./ready-stack-props";
import { fuzz, FUZZ_RUNS, GeneratedProps, Outcome } from "./support";

/** How many test files share ReadyStack's FUZZ_RUNS. */
export const READY_STACK_PARTS = 2;

const referenceLike: ReadyStackProps = {
  namespace: "app",
  backend: { kubernetes: { secretSuffix: "app" } },
  api: { image: "ghcr.io/org/api:1.0.0" },
  migrations: { command: ["./migrate"] },
  ingress: { hosts: ["api.example.com"], acmeEmail: "ops@example.com" },
  backup: { offsite: { bucket: "app-db-backups", prefix: "app/postgres", credentials: { secretName: "postgres-backup-s3" } } },
};

/** Regression examples, run by the first part. */
export const READY_STACK_EXAMPLES: GeneratedProps<ReadyStackProps>[] = [
  // seed 138279857: redis: -1 and cluster: garbage were spread into nothing and ignored.
  { props: { ...referenceLike, redis: -1 as never }, bad: ["redis"], lenient: [] },
  { props: { ...referenceLike, cluster: { configPath: "" } }, bad: ["cluster"], lenient: [] },
  { props: referenceLike, bad: [], lenient: [] },
];

/** Run part `part` (1-based) of ReadyStack's FUZZ_RUNS prop sets; each part draws its own random prop sets. */
export function fuzzReadyStackPart(part: number): Record<Outcome, number> {
  const runs = FUZZ_RUNS / READY_STACK_PARTS;
  if (!Number.isInteger(runs) || part < 1 || part > READY_STACK_PARTS) throw new Error(`no part ${part} of ${READY_STACK_PARTS}`);
  return fuzz(readyStackProps, (app, props) => new ReadyStack(app as unknown as App, "fuzz", props as ReadyStackProps), {
    ownStack: true,
    runs,
    // The migrator runs the API image in command mode, so a bad api.image is reported by migrations first;
    // Redis maxmemory must stay below its memory limit (512Mi by default).
    relational: ["migrations.image", "redis.maxmemory"],
    examples: part === 1 ? READY_STACK_EXAMPLES : [],
  });
}
