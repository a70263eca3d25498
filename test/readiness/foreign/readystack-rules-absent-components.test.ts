/**
 * readystack's own criteria on stacks it did not build: a rule about a component (a database, Redis, an
 * HPA, an Ingress, log aggregation, a readystack application) must not produce a finding on a stack that
 * has no such component — the criterion is not applicable there, never failed.
 *
 * Components are recognised here from the Terraform itself (resource types, manifest kinds, images and
 * chart names), independently of the engine, so the test cannot agree with a wrong engine.
 */
import { defaultRules, runReadiness } from "../../../lib/readiness/engine";
import { loadTerraformInputs, type LoadedTerraform } from "../../../lib/readiness/input/load";
import type { ReadinessResult } from "../../../lib/readiness/result";
import { foreignFixtures } from "../input/fixtures";

/** What a configuration contains, as the rules below care about. */
interface Components {
  readonly database: boolean;
  readonly redis: boolean;
  readonly hpa: boolean;
  readonly ingress: boolean;
  readonly logAggregation: boolean;
  /** A workload readystack built (its `//.readystack` facts are present). */
  readonly readystackApp: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every string under a key named `key`, at any depth. */
function valuesOf(node: unknown, key: string, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) valuesOf(item, key, out);
  else if (isRecord(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === key && typeof v === "string") out.push(v);
      else valuesOf(v, key, out);
    }
  }
  return out;
}

const DATABASE = /(^|[/:-])(postgres|postgresql|mysql|mariadb|mongo|mongodb|cockroach)/i;
const REDIS = /(^|[/:-])(redis|valkey|keydb)/i;
const LOGS = /(^|[/:-])(loki|promtail|alloy|fluent-bit|fluentd|vector)/i;
const INGRESS_CHART = /(ingress|traefik|haproxy|contour|cert-manager)/i;

function componentsOf(stack: LoadedTerraform): Components {
  const resources = Object.entries(stack.json.resource ?? {}).flatMap(([type, byName]) => Object.values(byName).map((body) => ({ type, body })));
  const kinds = resources.filter((r) => r.type === "kubernetes_manifest").flatMap((r) => valuesOf(r.body.manifest, "kind"));
  const images = resources.flatMap((r) => valuesOf(r.body, "image"));
  const charts = resources.filter((r) => r.type === "helm_release").flatMap((r) => valuesOf(r.body, "chart"));
  const named = [...images, ...charts];
  return {
    database: named.some((n) => DATABASE.test(n)),
    redis: named.some((n) => REDIS.test(n)),
    hpa: resources.some((r) => r.type.startsWith("kubernetes_horizontal_pod_autoscaler")) || kinds.includes("HorizontalPodAutoscaler"),
    ingress: resources.some((r) => r.type.startsWith("kubernetes_ingress")) || kinds.includes("Ingress") || charts.some((c) => INGRESS_CHART.test(c)),
    logAggregation: named.some((n) => LOGS.test(n)),
    readystackApp: resources.some((r) => isRecord(r.body["//"]) && isRecord((r.body["//"] as Record<string, unknown>).readystack)),
  };
}

/** readystack-specific rules and the component without which they are not applicable. */
const COMPONENT_RULES: readonly { readonly id: RegExp; readonly component: string; readonly present: (c: Components) => boolean }[] = [
  { id: /^RS-MIGRATIONS-JOB$/, component: "a database", present: (c) => c.database },
  { id: /^RS-BACKUP$/, component: "a database", present: (c) => c.database },
  { id: /^RS-REDIS-PRODUCTION$/, component: "Redis", present: (c) => c.redis },
  { id: /^RS-JSON-LOGS$/, component: "a readystack application or a log shipper", present: (c) => c.readystackApp || c.logAggregation },
  { id: /^RS-ENV-DOCUMENTED$/, component: "a readystack application", present: (c) => c.readystackApp },
  { id: /^RS-HPA-/, component: "a HorizontalPodAutoscaler", present: (c) => c.hpa },
  { id: /^RS-INGRESS-/, component: "an Ingress", present: (c) => c.ingress },
  { id: /^RS-LOG-AGGREGATION$/, component: "a readystack application or log aggregation", present: (c) => c.readystackApp || c.logAggregation },
  { id: /^RS-STARTUP-ORDER$/, component: "a database or Redis to wait for", present: (c) => c.database || c.redis },
];

describe("readystack-specific rules on stacks not built with readystack", () => {
  const fixtures = foreignFixtures();
  let stacks: Map<string, LoadedTerraform>;
  /** Every built-in rule run, whatever pack the stack would get: the rules themselves must say "not applicable". */
  let allRules: Map<string, ReadinessResult>;
  /** The check as `readystack check` runs it by default (the engine's own rule choice). */
  let asDefault: Map<string, ReadinessResult>;

  beforeAll(() => {
    const loaded = loadTerraformInputs(fixtures.map((f) => f.path));
    stacks = new Map(fixtures.map((f, i) => [f.name, loaded[i]]));
    allRules = new Map(fixtures.map((f, i) => [f.name, runReadiness(loaded[i].json, { rules: defaultRules() })]));
    asDefault = new Map(fixtures.map((f, i) => [f.name, runReadiness(loaded[i].json)]));
  });

  /** The findings of rules whose component the stack lacks, as readable lines. */
  function offending(name: string, result: ReadinessResult): string[] {
    const components = componentsOf(stacks.get(name) as LoadedTerraform);
    return result.findings
      .map((f) => ({ f, rule: COMPONENT_RULES.find((r) => r.id.test(f.ruleId)) }))
      .filter(({ rule }) => rule !== undefined && !rule.present(components))
      .map(({ f, rule }) => `${f.ruleId} (needs ${rule?.component}): ${f.message}`);
  }

  it("guards rule ids that exist", () => {
    const ids = defaultRules().map((r) => r.id);
    for (const rule of COMPONENT_RULES) expect(ids.filter((id) => rule.id.test(id)).length).toBeGreaterThan(0);
  });

  it("recognises the components the fixtures hold", () => {
    const c = (name: string) => componentsOf(stacks.get(name) as LoadedTerraform);
    expect(c("ingress-v1-tls").ingress).toBe(true);
    expect(c("ingress-legacy").ingress).toBe(true);
    expect(c("monitoring-stack")).toEqual({ database: false, redis: false, hpa: false, ingress: false, logAggregation: false, readystackApp: false });
    expect(fixtures.filter((f) => componentsOf(stacks.get(f.name) as LoadedTerraform).database).map((f) => f.name)).toEqual([]);
  });

  it.each(foreignFixtures().map((f) => f.name))("%s: no finding from a rule whose component is absent, with every rule run", (name) => {
    expect(offending(name, allRules.get(name) as ReadinessResult)).toEqual([]);
  });

  it.each(foreignFixtures().map((f) => f.name))("%s: no finding from a rule whose component is absent, as checked by default", (name) => {
    expect(offending(name, asDefault.get(name) as ReadinessResult)).toEqual([]);
  });
});
