import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadConfig, parseConfig } from "../../../lib/readiness/config/load";
import { resolveOptions, ruleOptions } from "../../../lib/readiness/config/options";
import { ReadinessConfigError, validateConfig } from "../../../lib/readiness/config/validate";
import { createRuleContext } from "../../../lib/readiness/context";
import { runReadiness } from "../../../lib/readiness/engine";
import type { Rule, RuleContext, TerraformJson } from "../../../lib/readiness/types";

/** A rule with a threshold option: flags Deployments whose replicas are below `minReplicas`. */
const MIN_REPLICAS: Rule = {
  id: "T-MIN-REPLICAS",
  criterion: "autoscaling",
  level: "mandatory",
  title: "enough replicas",
  rationale: "one replica is one outage",
  remediation: "raise replicas",
  options: {
    minReplicas: { type: "integer", default: 2, minimum: 1, description: "Fewest replicas a Deployment may run." },
    exempt: { type: "string-list", default: [], description: "Deployment names not checked." },
  },
  check(ctx: RuleContext) {
    const { minReplicas, exempt } = ruleOptions(ctx, MIN_REPLICAS) as { minReplicas: number; exempt: string[] };
    const findings = [];
    const evidence = [];
    for (const r of ctx.byType("kubernetes_deployment_v1")) {
      if (exempt.includes(r.name)) continue;
      const replicas = Number((r.body.spec as { replicas?: number }).replicas ?? 1);
      if (replicas < minReplicas) findings.push({ address: r.address, message: `${r.address} runs ${replicas} replica(s), fewer than ${minReplicas}` });
      else evidence.push(r.address);
    }
    return { findings, evidence };
  },
};
const OTHER: Rule = { ...MIN_REPLICAS, id: "T-OTHER", options: undefined, check: () => ({ findings: [], evidence: [] }) };
const RULES = [MIN_REPLICAS, OTHER];

const json: TerraformJson = {
  resource: {
    kubernetes_deployment_v1: {
      api: { metadata: { name: "api" }, spec: { replicas: 3 } },
      worker: { metadata: { name: "worker" }, spec: { replicas: 1 } },
    },
  },
};

function errorOf(fn: () => unknown): ReadinessConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadinessConfigError) return e;
    throw e;
  }
  throw new Error("expected a ReadinessConfigError");
}

describe("readiness config validation", () => {
  it("accepts every documented field", () => {
    const config = validateConfig(
      {
        pack: "kubernetes",
        only: ["T-MIN-REPLICAS"],
        skip: ["T-OTHER"],
        options: { "T-MIN-REPLICAS": { minReplicas: 3, exempt: ["batch"] } },
        roles: { api: { labels: { "app.kubernetes.io/name": "api" }, names: ["api"] } },
        waivers: [{ ruleId: "T-MIN-REPLICAS", address: "kubernetes_deployment_v1.worker", reason: "batch worker, one replica by design", objectRef: "Deployment/web/worker" }],
      },
      RULES,
      "readiness.yaml",
    );
    expect(config.pack).toBe("kubernetes");
    expect(config.options).toEqual({ "T-MIN-REPLICAS": { minReplicas: 3, exempt: ["batch"] } });
    expect(config.roles).toEqual({ api: { labels: { "app.kubernetes.io/name": "api" }, names: ["api"] } });
    expect(config.waivers?.[0].objectRef).toBe("Deployment/web/worker");
  });

  it.each([
    [{ packs: "kubernetes" }, 'readiness.yaml: invalid key "packs" "kubernetes"; expected only the keys pack, only, skip, options, roles, waivers'],
    [{ pack: "nag" }, 'readiness.yaml: invalid pack "nag"; expected one of readystack, kubernetes'],
    [{ only: ["T-NOPE"] }, 'readiness.yaml: invalid only[0] "T-NOPE"; expected a rule id, one of T-MIN-REPLICAS, T-OTHER'],
    [{ skip: "T-OTHER" }, 'readiness.yaml: invalid skip "T-OTHER"; expected a list of rule ids'],
    [{ options: { "T-NOPE": {} } }, 'readiness.yaml: invalid options key "T-NOPE"; expected a rule id, one of T-MIN-REPLICAS, T-OTHER'],
    [{ options: { "T-MIN-REPLICAS": { min: 3 } } }, 'readiness.yaml: invalid options.T-MIN-REPLICAS.min 3; expected an option of T-MIN-REPLICAS: one of minReplicas, exempt'],
    [{ options: { "T-MIN-REPLICAS": { minReplicas: 0 } } }, "readiness.yaml: invalid options.T-MIN-REPLICAS.minReplicas 0; expected an integer of at least 1"],
    [{ options: { "T-MIN-REPLICAS": { minReplicas: "3" } } }, 'readiness.yaml: invalid options.T-MIN-REPLICAS.minReplicas "3"; expected an integer of at least 1'],
    [{ options: { "T-OTHER": { x: 1 } } }, "readiness.yaml: invalid options.T-OTHER.x 1; expected no option: T-OTHER has none"],
    [{ roles: { db: {} } }, 'readiness.yaml: invalid key roles.db {}; expected only the keys api'],
    [{ roles: { api: { names: [] } } }, "readiness.yaml: invalid roles.api.names []; expected a non-empty list of workload names"],
    [{ waivers: [{ ruleId: "T-OTHER", address: "kubernetes_deployment_v1.api", reason: "too short" }] }, 'readiness.yaml: invalid waivers[0].reason "too short"; expected a reason of at least 10 characters'],
    [{ waivers: [{ ruleId: "T-NOPE", address: "kubernetes_deployment_v1.api", reason: "long enough reason" }] }, 'readiness.yaml: invalid waivers[0].ruleId "T-NOPE"; expected a rule id, one of T-MIN-REPLICAS, T-OTHER'],
    [{ waivers: [{ ruleId: "T-OTHER", address: "api", reason: "long enough reason" }] }, 'readiness.yaml: invalid waivers[0].address "api"; expected a Terraform resource address such as kubernetes_deployment_v1.api'],
    [{ waivers: [{ ruleId: "T-OTHER", address: "kubernetes_deployment_v1.api", reason: "long enough reason", why: "x" }] }, 'readiness.yaml: invalid key waivers[0].why "x"; expected only the keys ruleId, address, objectRef, reason'],
    [["pack"], 'readiness.yaml: invalid document ["pack"]; expected an object with the keys pack, only, skip, options, roles, waivers'],
  ])("rejects %j naming the field, the value and what is accepted", (doc, message) => {
    const e = errorOf(() => validateConfig(doc, RULES, "readiness.yaml"));
    expect(e.message).toBe(message);
    expect(e.message).not.toContain("\n");
  });

  it("treats an empty document as an empty config", () => {
    expect(parseConfig("", RULES, "readiness.yaml").config).toEqual({});
  });
});

describe("config files", () => {
  const dir = mkdtempSync(join(tmpdir(), "readystack-config-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads YAML and JSON", () => {
    const yamlFile = join(dir, "readiness.yaml");
    writeFileSync(yamlFile, "pack: kubernetes\noptions:\n  T-MIN-REPLICAS:\n    minReplicas: 3\n");
    expect(loadConfig(yamlFile, RULES, "readiness.yaml")).toEqual({ config: { pack: "kubernetes", options: { "T-MIN-REPLICAS": { minReplicas: 3 } } }, source: "readiness.yaml" });
    const jsonFile = join(dir, "readiness.json");
    writeFileSync(jsonFile, JSON.stringify({ skip: ["T-OTHER"] }));
    expect(loadConfig(jsonFile, RULES).config).toEqual({ skip: ["T-OTHER"] });
  });

  it("names a file that does not parse or does not exist", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ pack: ");
    expect(errorOf(() => loadConfig(bad, RULES, "bad.json")).message).toMatch(/^bad\.json: invalid document "\{ pack: "; expected JSON or YAML \(/);
    expect(errorOf(() => loadConfig(join(dir, "none.yaml"), RULES, "none.yaml")).message).toBe(
      'none.yaml: invalid config file "none.yaml"; expected a readable JSON or YAML file (no such file)',
    );
  });
});

describe("rule options", () => {
  it("resolves defaults and config values, and rules read them through the context", () => {
    expect(resolveOptions(RULES, { "T-MIN-REPLICAS": { minReplicas: 1 } })).toEqual({ "T-MIN-REPLICAS": { minReplicas: 1, exempt: [] }, "T-OTHER": {} });
    const byDefault = runReadiness(json, { rules: RULES });
    expect(byDefault.findings.map((f) => f.message)).toEqual(["kubernetes_deployment_v1.worker runs 1 replica(s), fewer than 2"]);
    const raised = runReadiness(json, { rules: RULES, config: { options: { "T-MIN-REPLICAS": { minReplicas: 4 } } } });
    expect(raised.findings.map((f) => f.message)).toEqual([
      "kubernetes_deployment_v1.api runs 3 replica(s), fewer than 4",
      "kubernetes_deployment_v1.worker runs 1 replica(s), fewer than 4",
    ]);
    const exempt = runReadiness(json, { rules: RULES, config: { options: { "T-MIN-REPLICAS": { exempt: ["worker"] } } } });
    expect(exempt.passed).toBe(true);
  });

  it("falls back to the declared defaults in a context built without options", () => {
    const ctx = createRuleContext(json);
    expect(ctx.options("T-MIN-REPLICAS")).toEqual({});
    expect(ruleOptions(ctx, MIN_REPLICAS)).toEqual({ minReplicas: 2, exempt: [] });
  });

  it("rejects a config the engine is given in code the same way", () => {
    expect(() => runReadiness(json, { rules: RULES, config: { options: { "T-MIN-REPLICAS": { minReplicas: -1 } } } })).toThrow(
      "readiness config: invalid options.T-MIN-REPLICAS.minReplicas -1; expected an integer of at least 1",
    );
  });
});
