import { NOTHING_ANALYSED_ID, RULE_ERROR_ID, WAIVER_INVALID_ID, WAIVER_UNUSED_ID, blockingFindings, runReadiness } from "../../../lib/readiness/engine";
import { createRuleContext } from "../../../lib/readiness/context";
import type { Rule, TerraformJson } from "../../../lib/readiness/types";
import { nameRule, passRule } from "./helpers";

function deployment(name: string, extra: Record<string, unknown> = {}, image = "nginx:1.27.1"): Record<string, unknown> {
  return {
    metadata: { name },
    spec: { template: { spec: { container: [{ name, image }], init_container: [{ name: "init", image: "busybox@sha256:" + "a".repeat(64) }] } } },
    ...extra,
  };
}

const waive = (ruleId: string, reason: string) => ({ "//": { readystack: { waivers: [{ ruleId, reason }] } } });

const base: TerraformJson = {
  "//": { metadata: { stackName: "demo", backend: "local", version: "0.21.0" } },
  resource: {
    kubernetes_deployment_v1: {
      good: deployment("good"),
      bad: deployment("bad"),
    },
    helm_release: {
      loki: { name: "loki", chart: "loki", repository: "https://grafana-community.github.io/helm-charts", version: "6.40.0" },
      floating: { name: "x", chart: "x", repository: "https://example.com/charts/" },
    },
  },
};

const M = nameRule("T-MANDATORY", "startup", "mandatory", "kubernetes_deployment_v1", ["bad"]);
const R = nameRule("T-RECOMMENDED", "autoscaling", "recommended", "kubernetes_deployment_v1", ["bad"]);

describe("runReadiness", () => {
  it("maps levels to severities and fails on mandatory findings", () => {
    const result = runReadiness(base, { rules: [M, R] });
    expect(result.passed).toBe(false);
    expect(result.stack).toBe("demo");
    const byRule = Object.fromEntries(result.findings.map((f) => [f.ruleId, f]));
    expect(byRule["T-MANDATORY"]).toMatchObject({
      severity: "error",
      criterion: "startup",
      address: "kubernetes_deployment_v1.bad",
      remediation: "T-MANDATORY remediation",
    });
    expect(byRule["T-RECOMMENDED"].severity).toBe("warning");
    expect(result.scorecard.errors).toBe(1);
    expect(result.scorecard.warnings).toBe(1);
    expect(blockingFindings(result).map((f) => f.ruleId)).toEqual(["T-MANDATORY"]);
  });

  it("passes when only recommended findings exist, and strict flips them to errors", () => {
    const loose = runReadiness(base, { rules: [R] });
    expect(loose.passed).toBe(true);
    expect(loose.strict).toBe(false);
    const strict = runReadiness(base, { rules: [R], strict: true });
    expect(strict.passed).toBe(false);
    expect(strict.strict).toBe(true);
    expect(strict.findings[0].severity).toBe("error");
    expect(strict.rules.find((r) => r.id === "T-RECOMMENDED")?.severity).toBe("error");
  });

  it("turns a throwing rule into an RS-ENGINE-RULE-ERROR finding and keeps going", () => {
    const boom: Rule = { ...M, id: "T-BOOM", check: () => { throw new TypeError("x is undefined"); } };
    const junk: Rule = { ...M, id: "T-JUNK", criterion: "redis", check: () => ({ nope: 1 }) as never };
    const result = runReadiness(base, { rules: [boom, junk, R] });
    const errors = result.findings.filter((f) => f.ruleId === RULE_ERROR_ID);
    expect(errors.map((f) => f.message)).toEqual([
      "rule T-BOOM threw TypeError: x is undefined",
      expect.stringContaining("rule T-JUNK returned"),
    ]);
    expect(errors[0].severity).toBe("error");
    expect(result.passed).toBe(false);
    expect(result.criteria.find((c) => c.id === "startup")?.status).toBe("unmet");
    expect(result.criteria.find((c) => c.id === "redis")?.status).toBe("unmet");
    expect(result.findings.some((f) => f.ruleId === "T-RECOMMENDED")).toBe(true);
  });

  it("applies a waiver to that rule on that resource only", () => {
    const json: TerraformJson = {
      resource: {
        kubernetes_deployment_v1: {
          bad: deployment("bad", waive("T-MANDATORY", "legacy app, fixed in Q3")),
          bad2: deployment("bad"),
        },
      },
    };
    const result = runReadiness(json, { rules: [M] });
    const mine = result.findings.filter((f) => f.ruleId === "T-MANDATORY");
    expect(mine.find((f) => f.address === "kubernetes_deployment_v1.bad")?.waivedReason).toBe("legacy app, fixed in Q3");
    expect(mine.find((f) => f.address === "kubernetes_deployment_v1.bad2")?.waivedReason).toBeUndefined();
    expect(result.passed).toBe(false);
    expect(result.waivers).toEqual([
      { ruleId: "T-MANDATORY", reason: "legacy app, fixed in Q3", addresses: ["kubernetes_deployment_v1.bad"], source: "code", status: "applied", suppressed: 1 },
    ]);
    expect(result.scorecard.waived).toBe(1);
  });

  it("passes when every finding is waived; the criterion reads waived", () => {
    const json: TerraformJson = {
      resource: { kubernetes_deployment_v1: { bad: deployment("bad", waive("T-MANDATORY", "legacy app, fixed in Q3")) } },
    };
    const result = runReadiness(json, { rules: [M] });
    expect(result.passed).toBe(true);
    const startup = result.criteria.find((c) => c.id === "startup")!;
    expect(startup.status).toBe("waived");
    expect(startup.findings).toEqual([]);
    expect(startup.waived).toHaveLength(1);
    expect(result.scorecard.mandatory).toMatchObject({ met: 0, waived: 1, unmet: 0 });
  });

  it("rejects waivers with short reasons or unknown rules, and flags unused ones", () => {
    const json: TerraformJson = {
      resource: {
        kubernetes_deployment_v1: {
          bad: deployment("bad", waive("T-MANDATORY", "because")),
          good: deployment("good", waive("T-MANDATORY", "nothing to waive here")),
          other: deployment("other", waive("RS-NOPE", "a long enough reason")),
          weird: deployment("weird", { "//": { readystack: { waivers: "all" } } }),
        },
      },
    };
    const result = runReadiness(json, { rules: [M] });
    const byRule = (id: string) => result.findings.filter((f) => f.ruleId === id);
    expect(byRule("T-MANDATORY")[0].waivedReason).toBeUndefined(); // short reason does not suppress
    expect(byRule(WAIVER_INVALID_ID).map((f) => f.message)).toEqual([
      'kubernetes_deployment_v1.bad: the waiver of T-MANDATORY has a reason shorter than 10 characters ("because")',
      "kubernetes_deployment_v1.other: a waiver names unknown rule RS-NOPE",
      "kubernetes_deployment_v1.weird: //.readystack.waivers must be a list of {ruleId, reason}, got string",
    ]);
    expect(byRule(WAIVER_UNUSED_ID)).toEqual([
      expect.objectContaining({
        address: "kubernetes_deployment_v1.good",
        severity: "error",
        message: expect.stringContaining("waiver of T-MANDATORY"),
      }),
    ]);
    expect(result.waivers.map((w) => w.status)).toEqual(["invalid", "unused", "invalid", "invalid"]);
  });

  it("counts copies of a construct-level waiver as one: used when any copy suppresses", () => {
    const scoped = (reason: string) => ({ "//": { readystack: { waivers: [{ ruleId: "T-MANDATORY", reason, scope: "app/api" }] } } });
    const json: TerraformJson = {
      resource: {
        kubernetes_deployment_v1: {
          bad: deployment("bad", scoped("the api is legacy for now")),
          good: deployment("good", scoped("the api is legacy for now")),
          good2: deployment("good2", scoped("a second scoped waiver")),
        },
      },
    };
    const result = runReadiness(json, { rules: [M] });
    expect(result.waivers).toEqual([
      { ruleId: "T-MANDATORY", reason: "the api is legacy for now", scope: "app/api", addresses: ["kubernetes_deployment_v1.bad", "kubernetes_deployment_v1.good"], source: "code", status: "applied", suppressed: 1 },
      { ruleId: "T-MANDATORY", reason: "a second scoped waiver", scope: "app/api", addresses: ["kubernetes_deployment_v1.good2"], source: "code", status: "unused", suppressed: 0 },
    ]);
    const unused = result.findings.filter((f) => f.ruleId === WAIVER_UNUSED_ID);
    expect(unused).toHaveLength(1);
    expect(unused[0].message).toContain("app/api (1 resource(s))");
    expect(unused[0].constructPath).toBe("app/api");
  });

  it("honours stack-level waivers for findings without an address", () => {
    const noAddress: Rule = { ...M, id: "T-BACKEND", criterion: "terraform-configured", check: () => ({ findings: [{ message: "no backend" }], evidence: [] }) };
    const json: TerraformJson = {
      "//": { readystack: { waivers: [{ ruleId: "T-BACKEND", reason: "state lives in CI artifacts" }] } },
      resource: { kubernetes_deployment_v1: { api: deployment("api") } },
    };
    const result = runReadiness(json, { rules: [noAddress] });
    expect(result.passed).toBe(true);
    expect(result.waivers[0]).toMatchObject({ status: "applied", suppressed: 1 });
    expect(result.waivers[0].addresses).toEqual([]);
  });

  it("collects evidence per criterion and computes the scorecard", () => {
    const rules = [
      passRule("P1", "startup", ["kubernetes_deployment_v1.good", "kubernetes_deployment_v1.good"]),
      passRule("P2", "startup", ["helm_release.loki"]),
      passRule("P3", "migrations"),
      passRule("P4", "redis"),
      nameRule("P5", "json-logging", "mandatory", "kubernetes_deployment_v1", ["bad"]),
      passRule("P7", "https-ingress"),
      passRule("S1", "security"),
      nameRule("S2", "security", "mandatory", "kubernetes_deployment_v1", ["bad", "good"]),
    ];
    const result = runReadiness(base, { rules });
    const startup = result.criteria.find((c) => c.id === "startup")!;
    expect(startup).toMatchObject({ status: "met", rules: ["P1", "P2"], evidence: ["kubernetes_deployment_v1.good", "helm_release.loki"] });
    expect(result.criteria.find((c) => c.id === "json-logging")?.status).toBe("unmet");
    expect(result.criteria.find((c) => c.id === "artifacts-pinned")?.status).toBe("unchecked");
    expect(result.criteria.map((c) => c.id)).toHaveLength(13);
    // P3, P4, P7 and S1 pass with no evidence and say nothing of applicability: their criteria are n/a, not met.
    expect(result.criteria.find((c) => c.id === "migrations")).toMatchObject({ status: "not-applicable", label: "n/a" });
    expect(result.scorecard.mandatory).toEqual({
      met: 1, waived: 0, unmet: 1, unchecked: 2, notApplicable: 2, notApplicableCriteria: ["migrations", "redis"], applicable: 4, total: 6,
    });
    expect(result.scorecard.recommended).toEqual({
      met: 0, waived: 0, unmet: 0, unchecked: 4, notApplicable: 1, notApplicableCriteria: ["https-ingress"], applicable: 4, total: 5,
    });
    expect(result.scorecard.security).toEqual({ passed: 0, notApplicable: 1, total: 2, findings: 2 });
  });

  it("inventories every container image and Helm chart", () => {
    const result = runReadiness(base, { rules: [] });
    expect(result.inventory).toEqual([
      { kind: "image", address: "kubernetes_deployment_v1.good", container: "good", init: false, reference: "nginx:1.27.1", name: "nginx", tag: "1.27.1", pinned: true },
      { kind: "image", address: "kubernetes_deployment_v1.good", container: "init", init: true, reference: "busybox@sha256:" + "a".repeat(64), name: "busybox", digest: "sha256:" + "a".repeat(64), pinned: true },
      expect.objectContaining({ address: "kubernetes_deployment_v1.bad", container: "bad" }),
      expect.objectContaining({ address: "kubernetes_deployment_v1.bad", container: "init" }),
      { kind: "chart", address: "helm_release.loki", reference: "https://grafana-community.github.io/helm-charts/loki", name: "loki", tag: "6.40.0", repository: "https://grafana-community.github.io/helm-charts", pinned: true },
      { kind: "chart", address: "helm_release.floating", reference: "https://example.com/charts/x", name: "x", repository: "https://example.com/charts/", pinned: false },
    ]);
  });

  it("marks latest and unresolvable images unpinned and follows references", () => {
    const json: TerraformJson = {
      resource: {
        kubernetes_config_map_v1: { img: { metadata: { name: "img" }, data: { image: "redis:7.4.5-bookworm" } } },
        kubernetes_cron_job_v1: {
          job: { spec: { job_template: { spec: { template: { spec: { container: { name: "c", image: "redis:latest" } } } } } } },
        },
        kubernetes_pod_v1: {
          p: { spec: { container: [{ name: "a", image: "${var.image}" }, { name: "b", image: "${kubernetes_config_map_v1.img.data.image}" }] } },
        },
      },
    };
    const inv = runReadiness(json, { rules: [] }).inventory;
    expect(inv.map((i) => [i.address, i.container, i.reference, i.pinned])).toEqual([
      ["kubernetes_cron_job_v1.job", "c", "redis:latest", false],
      ["kubernetes_pod_v1.p", "a", undefined, false],
      ["kubernetes_pod_v1.p", "b", "redis:7.4.5-bookworm", true],
    ]);
  });

  it("reports duplicate rule ids instead of running them twice", () => {
    const result = runReadiness(base, { rules: [M, M] });
    expect(result.findings.filter((f) => f.ruleId === "T-MANDATORY")).toHaveLength(1);
    expect(result.findings.some((f) => f.ruleId === RULE_ERROR_ID && f.message.includes("twice"))).toBe(true);
  });

  it("lists the engine's own rules after the checked rules", () => {
    const ids = runReadiness(base, { rules: [M] }).rules.map((r) => r.id);
    expect(ids).toEqual(["T-MANDATORY", RULE_ERROR_ID, WAIVER_INVALID_ID, WAIVER_UNUSED_ID, NOTHING_ANALYSED_ID]);
  });

  it("indexes once: byType/get never rescan the JSON, construction reads each resource a bounded number of times", () => {
    let reads = 0;
    const bodies: Record<string, Record<string, unknown>> = {};
    for (let i = 0; i < 5000; i++) bodies[`d${i}`] = deployment(i % 1000 === 0 ? "bad" : `d${i}`);
    const counted = new Proxy(bodies, {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const json: TerraformJson = { resource: { kubernetes_deployment_v1: counted } };
    const ctx = createRuleContext(json, { source: JSON.stringify(json, null, 2) });
    const afterIndex = reads;
    expect(afterIndex).toBeLessThanOrEqual(5000 * 3);
    for (let i = 0; i < 5000; i++) {
      ctx.byType("kubernetes_deployment_v1");
      ctx.get(`kubernetes_deployment_v1.d${i}`);
    }
    expect(reads).toBe(afterIndex);
    const result = runReadiness(json, { rules: [M] });
    expect(result.findings).toHaveLength(5);
    expect(result.inventory).toHaveLength(10000);
  });
});
