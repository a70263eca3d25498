import { WAIVER_INVALID_ID, WAIVER_UNUSED_ID, defaultRules, runReadiness } from "../../../lib/readiness/engine";
import { builtWithReadystack, detectPack, packsOf, selectRules } from "../../../lib/readiness/packs";
import { renderConsole } from "../../../lib/readiness/reports/console";
import { renderMarkdown } from "../../../lib/readiness/reports/markdown";
import { renderSarif } from "../../../lib/readiness/reports/sarif";
import type { Rule, TerraformJson } from "../../../lib/readiness/types";
import { nameRule } from "./helpers";

const SEC = nameRule("T-SEC", "security", "mandatory", "kubernetes_deployment_v1", ["bad"]);
const HPA = nameRule("T-HPA", "autoscaling", "mandatory", "kubernetes_deployment_v1", ["bad"]);
const ONLY_RS: Rule = { ...nameRule("T-K8S-ONLY", "startup", "mandatory", "kubernetes_deployment_v1", []), packs: ["kubernetes"] };
const RULES = [SEC, HPA, ONLY_RS];

function deployment(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { metadata: { name, ...extra }, spec: { template: { spec: { container: { name, image: "nginx:1.27.1" } } } } };
}

const handWritten: TerraformJson = { resource: { kubernetes_deployment_v1: { bad: deployment("bad"), good: deployment("good") } } };
const builtByReadystack: TerraformJson = {
  resource: { kubernetes_deployment_v1: { bad: { ...deployment("bad"), "//": { readystack: { component: "api" } } } } },
};

describe("packs", () => {
  it("puts security and workload-hygiene rules in both packs, the rest in readystack, unless the rule says", () => {
    expect(packsOf(SEC)).toEqual(["readystack", "kubernetes"]);
    expect(packsOf({ criterion: "workload-hygiene" })).toEqual(["readystack", "kubernetes"]);
    expect(packsOf(HPA)).toEqual(["readystack"]);
    expect(packsOf(ONLY_RS)).toEqual(["kubernetes"]);
    expect(selectRules(RULES, { pack: "kubernetes" }).map((r) => r.id)).toEqual(["T-SEC", "T-K8S-ONLY"]);
    expect(selectRules(RULES, { pack: "readystack", skip: ["T-SEC"] }).map((r) => r.id)).toEqual(["T-HPA"]);
    expect(selectRules(RULES, { only: ["T-HPA"] }).map((r) => r.id)).toEqual(["T-HPA"]);
  });

  it("detects readystack-built stacks from their //.readystack facts (waivers alone do not count)", () => {
    expect(builtWithReadystack(builtByReadystack)).toBe(true);
    expect(detectPack(builtByReadystack)).toBe("readystack");
    const waiverOnly: TerraformJson = { resource: { kubernetes_deployment_v1: { a: { "//": { readystack: { waivers: [] } } } } } };
    expect(detectPack(waiverOnly)).toBe("kubernetes");
    expect(detectPack(handWritten)).toBe("kubernetes");
  });

  it("runs the detected pack of the built-in rules and records it", () => {
    const generic = runReadiness(handWritten);
    expect(generic.selection).toEqual({ pack: "kubernetes", packDetected: true });
    const ran = generic.rules.filter((r) => !r.engine);
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.every((r) => r.packs?.includes("kubernetes"))).toBe(true);
    expect(generic.criteria.find((c) => c.id === "redis")?.status).toBe("unchecked");
    const own = runReadiness(builtByReadystack);
    expect(own.selection).toEqual({ pack: "readystack", packDetected: true });
    expect(own.rules.filter((r) => !r.engine)).toHaveLength(defaultRules().filter((r) => packsOf(r).includes("readystack")).length);
  });

  it("runs every given rule when rules are given and no pack is named; a named pack, only and skip select", () => {
    expect(runReadiness(handWritten, { rules: RULES }).rules.filter((r) => !r.engine).map((r) => r.id)).toEqual(["T-SEC", "T-HPA", "T-K8S-ONLY"]);
    const k8s = runReadiness(handWritten, { rules: RULES, pack: "kubernetes", skip: ["T-K8S-ONLY"] });
    expect(k8s.rules.filter((r) => !r.engine).map((r) => r.id)).toEqual(["T-SEC"]);
    expect(k8s.selection).toEqual({ pack: "kubernetes", packDetected: false, skip: ["T-K8S-ONLY"] });
    const only = runReadiness(handWritten, { rules: RULES, config: { only: ["T-HPA"] } });
    expect(only.rules.filter((r) => !r.engine).map((r) => r.id)).toEqual(["T-HPA"]);
  });

  it("runs extra rules whatever the pack", () => {
    const extra = nameRule("T-MINE", "migrations", "mandatory", "kubernetes_deployment_v1", []);
    const result = runReadiness(handWritten, { rules: RULES, extraRules: [extra], pack: "kubernetes" });
    expect(result.rules.filter((r) => !r.engine).map((r) => r.id)).toEqual(["T-SEC", "T-K8S-ONLY", "T-MINE"]);
  });

  it("rejects unknown rule ids in only and skip", () => {
    expect(() => runReadiness(handWritten, { rules: RULES, skip: ["T-NOPE"] })).toThrow(
      'readiness options: invalid skip "T-NOPE"; expected a rule id, one of T-SEC, T-HPA, T-K8S-ONLY',
    );
  });

  it("keeps waivers of rules that did not run as not-run, without an error", () => {
    const json: TerraformJson = {
      resource: {
        kubernetes_deployment_v1: {
          bad: deployment("bad"),
          good: { ...deployment("good"), "//": { readystack: { waivers: [{ ruleId: "T-HPA", reason: "scaled by an external controller" }] } } },
        },
      },
    };
    const result = runReadiness(json, { rules: RULES, pack: "kubernetes" });
    expect(result.waivers).toEqual([expect.objectContaining({ ruleId: "T-HPA", status: "not-run", source: "code" })]);
    expect(result.findings.filter((f) => f.ruleId === WAIVER_UNUSED_ID || f.ruleId === WAIVER_INVALID_ID)).toEqual([]);
  });
});

describe("config waivers", () => {
  const waiver = { ruleId: "T-SEC", address: "kubernetes_deployment_v1.bad", reason: "third-party image, fixed upstream in 2.0" };

  it("suppress the finding on the named resource and are listed with their source", () => {
    const result = runReadiness(handWritten, { rules: RULES, config: { waivers: [waiver], skip: ["T-HPA"] }, configSource: "readiness.yaml" });
    expect(result.passed).toBe(true);
    expect(result.findings.find((f) => f.ruleId === "T-SEC")).toMatchObject({ waivedReason: waiver.reason, waiverSource: "config" });
    expect(result.waivers).toEqual([
      { ruleId: "T-SEC", reason: waiver.reason, addresses: ["kubernetes_deployment_v1.bad"], source: "config", file: "readiness.yaml", status: "applied", suppressed: 1 },
    ]);
    expect(result.selection.config).toBe("readiness.yaml");
    expect(renderConsole(result)).toContain(`  waiver T-SEC on kubernetes_deployment_v1.bad [config file readiness.yaml, applied]: ${waiver.reason}`);
    expect(renderMarkdown(result)).toContain(`| \`T-SEC\` | \`kubernetes_deployment_v1.bad\` | \`kubernetes_deployment_v1.bad\` | ${waiver.reason} | config file readiness.yaml | applied (1) |`);
    const sarif = JSON.parse(renderSarif(result));
    expect(sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "T-SEC").suppressions).toEqual([{ kind: "external", justification: waiver.reason }]);
    expect(sarif.runs[0].properties.waivers[0]).toMatchObject({ source: "config", file: "readiness.yaml", status: "applied" });
  });

  it("are an error when they match nothing, naming the file, and when the resource does not exist", () => {
    const stale = { ...waiver, address: "kubernetes_deployment_v1.good" };
    const missing = { ...waiver, address: "kubernetes_deployment_v1.gone" };
    const result = runReadiness(handWritten, { rules: [SEC], config: { waivers: [waiver, stale, missing] }, configSource: "readiness.yaml" });
    expect(result.passed).toBe(false);
    expect(result.findings.filter((f) => f.ruleId === WAIVER_UNUSED_ID).map((f) => [f.address, f.severity, f.message])).toEqual([
      ["kubernetes_deployment_v1.good", "error", `kubernetes_deployment_v1.good (readiness.yaml): the waiver of T-SEC ("${waiver.reason}") suppresses no finding`],
      [
        "kubernetes_deployment_v1.gone",
        "error",
        `kubernetes_deployment_v1.gone (readiness.yaml): the waiver of T-SEC ("${waiver.reason}") suppresses no finding; the stack has no resource kubernetes_deployment_v1.gone`,
      ],
    ]);
    expect(result.waivers.map((w) => w.status)).toEqual(["applied", "unused", "unused"]);
  });

  it("cover one object only when they name an objectRef", () => {
    const objectRule: Rule = {
      ...SEC,
      id: "T-OBJ",
      check: () => ({
        findings: [
          { address: "helm_release.loki", objectRef: "StatefulSet/logging/loki", message: "loki runs as root" },
          { address: "helm_release.loki", objectRef: "DaemonSet/logging/promtail", message: "promtail runs as root" },
        ],
        evidence: [],
      }),
    };
    const json: TerraformJson = { resource: { helm_release: { loki: { chart: "loki", version: "6.40.0" } } } };
    const result = runReadiness(json, {
      rules: [objectRule],
      config: { waivers: [{ ruleId: "T-OBJ", address: "helm_release.loki", objectRef: "DaemonSet/logging/promtail", reason: "promtail needs root to read host logs" }] },
    });
    expect(result.findings.map((f) => [f.objectRef, f.waivedReason !== undefined])).toEqual([
      ["StatefulSet/logging/loki", false],
      ["DaemonSet/logging/promtail", true],
    ]);
    expect(result.waivers[0]).toMatchObject({ objectRef: "DaemonSet/logging/promtail", status: "applied" });
  });
});

describe("annotation waivers", () => {
  it("honour readystack.io/waive.<RULE-ID> on a kubernetes_* resource's metadata (annotation or label)", () => {
    const json: TerraformJson = {
      resource: {
        kubernetes_deployment_v1: {
          bad: deployment("bad", { annotations: { "readystack.io/waive.T-SEC": "vendor image runs as root until 2.0" } }),
          good: deployment("good", { labels: { "readystack.io/waive.T-HPA": "fixed-size-by-design" } }),
        },
      },
    };
    const result = runReadiness(json, { rules: RULES });
    expect(result.findings.find((f) => f.ruleId === "T-SEC")).toMatchObject({ waivedReason: "vendor image runs as root until 2.0", waiverSource: "annotation" });
    expect(result.waivers).toEqual([
      { ruleId: "T-SEC", reason: "vendor image runs as root until 2.0", addresses: ["kubernetes_deployment_v1.bad"], source: "annotation", status: "applied", suppressed: 1 },
      { ruleId: "T-HPA", reason: "fixed-size-by-design", addresses: ["kubernetes_deployment_v1.good"], source: "annotation", status: "unused", suppressed: 0 },
    ]);
    // The label names a resource without a T-HPA finding: an unused waiver is an error.
    expect(result.findings.filter((f) => f.ruleId === WAIVER_UNUSED_ID).map((f) => f.message)).toEqual([
      'kubernetes_deployment_v1.good (annotation): the waiver of T-HPA ("fixed-size-by-design") suppresses no finding',
    ]);
    expect(renderConsole(result)).toContain("  waiver T-SEC on kubernetes_deployment_v1.bad [annotation, applied]: vendor image runs as root until 2.0");
  });

  it("honour the annotation on a kubernetes_manifest object", () => {
    const manifestRule: Rule = {
      ...SEC,
      id: "T-MANIFEST",
      check: (ctx) => ({
        findings: ctx.objectsOfKind("Deployment").map((o) => ({ address: o.address, message: `${o.address} is bad` })),
        evidence: [],
      }),
    };
    const json: TerraformJson = {
      resource: {
        kubernetes_manifest: {
          api: {
            manifest: {
              apiVersion: "apps/v1",
              kind: "Deployment",
              metadata: { name: "api", annotations: { "readystack.io/waive.T-MANIFEST": "checked by the platform team" } },
            },
          },
        },
      },
    };
    const result = runReadiness(json, { rules: [manifestRule] });
    expect(result.passed).toBe(true);
    expect(result.waivers[0]).toMatchObject({ ruleId: "T-MANIFEST", source: "annotation", status: "applied", addresses: ["kubernetes_manifest.api"] });
  });

  it("reject a short reason or an unknown rule in an annotation", () => {
    const json: TerraformJson = {
      resource: {
        kubernetes_deployment_v1: {
          bad: deployment("bad", { annotations: { "readystack.io/waive.T-SEC": "legacy", "readystack.io/waive.T-NOPE": "a long enough reason" } }),
        },
      },
    };
    const result = runReadiness(json, { rules: [SEC] });
    expect(result.findings.filter((f) => f.ruleId === WAIVER_INVALID_ID).map((f) => f.message)).toEqual([
      'kubernetes_deployment_v1.bad (annotation): the waiver of T-SEC has a reason shorter than 10 characters ("legacy")',
      "kubernetes_deployment_v1.bad (annotation): a waiver names unknown rule T-NOPE",
    ]);
    expect(result.findings.find((f) => f.ruleId === "T-SEC")?.waivedReason).toBeUndefined();
  });
});
