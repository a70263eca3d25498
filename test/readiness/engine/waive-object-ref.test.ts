import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { ReadystackConfigError } from "../../../lib/errors";
import { Readiness } from "../../../lib/readiness/readiness";
import type { Rule, RuleContext, RuleOutcome } from "../../../lib/readiness/types";

/** Flags two objects held by every namespace resource, as a rule does for the objects a Helm release renders. */
const TWO_OBJECTS: Rule = {
  id: "T-TWO-OBJECTS",
  criterion: "startup",
  level: "mandatory",
  title: "T-TWO-OBJECTS title",
  rationale: "T-TWO-OBJECTS rationale",
  remediation: "T-TWO-OBJECTS remediation",
  check(ctx: RuleContext): RuleOutcome {
    const findings = ctx.byType("kubernetes_namespace_v1").flatMap((r) =>
      ["Deployment/logs/shipper", "Deployment/logs/store"].map((objectRef) => ({ address: r.address, objectRef, message: `${objectRef} is flagged` })),
    );
    return { findings, evidence: [] };
  },
};

function setup(): { stack: TerraformStack; ns: NamespaceV1; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), "readystack-waive-ref-"));
  const app = Testing.app({ outdir });
  const stack = new TerraformStack(app, "tiny");
  new KubernetesProvider(stack, "k8s", {});
  const ns = new NamespaceV1(stack, "ns", { metadata: { name: "logs" } });
  return { stack, ns, outdir };
}

describe("Readiness.waive with an objectRef", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("records the objectRef and waives the findings on that one object only", () => {
    const { stack, ns, outdir } = setup();
    dirs.push(outdir);
    Readiness.check(stack, { rules: [TWO_OBJECTS], quiet: true });
    Readiness.waive(ns, "T-TWO-OBJECTS", "the shipper must read node files", { objectRef: "Deployment/logs/shipper" });
    const json = JSON.parse(JSON.stringify(stack.toTerraform()));
    expect(json.resource.kubernetes_namespace_v1.ns["//"].readystack.waivers).toEqual([
      { ruleId: "T-TWO-OBJECTS", reason: "the shipper must read node files", scope: "tiny/ns", objectRef: "Deployment/logs/shipper" },
    ]);
    expect(() => Testing.synth(stack, true)).toThrow(/T-TWO-OBJECTS .*Deployment\/logs\/store is flagged/);
    const result = Readiness.lastResult(stack)!;
    const open = result.findings.filter((f) => f.waivedReason === undefined && f.ruleId === "T-TWO-OBJECTS");
    expect(open.map((f) => f.objectRef)).toEqual(["Deployment/logs/store"]);
    const waived = result.findings.filter((f) => f.waivedReason !== undefined);
    expect(waived.map((f) => f.objectRef)).toEqual(["Deployment/logs/shipper"]);
    expect(result.waivers).toEqual([expect.objectContaining({ objectRef: "Deployment/logs/shipper", status: "applied", suppressed: 1 })]);
    expect(readFileSync(join(outdir, "stacks", "tiny", "readiness.md"), "utf8")).toContain("the shipper must read node files");
  });

  it("passes when each flagged object has its own waiver", () => {
    const { stack, ns, outdir } = setup();
    dirs.push(outdir);
    Readiness.check(stack, { rules: [TWO_OBJECTS], quiet: true });
    Readiness.waive(ns, "T-TWO-OBJECTS", "the shipper must read node files", { objectRef: "Deployment/logs/shipper" });
    Readiness.waive(ns, "T-TWO-OBJECTS", "the store runs one replica by design", { objectRef: "Deployment/logs/store" });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(Readiness.lastResult(stack)?.waivers.map((w) => [w.objectRef, w.status])).toEqual([
      ["Deployment/logs/shipper", "applied"],
      ["Deployment/logs/store", "applied"],
    ]);
  });

  it("rejects an objectRef that is not Kind/namespace/name, naming the field and the value", () => {
    const { ns } = setup();
    expect(() => Readiness.waive(ns, "T-TWO-OBJECTS", "a long enough reason", { objectRef: "promtail" })).toThrow(ReadystackConfigError);
    expect(() => Readiness.waive(ns, "T-TWO-OBJECTS", "a long enough reason", { objectRef: "promtail" })).toThrow(
      /invalid objectRef "promtail"; expected Kind\/namespace\/name or Kind\/name of one object/,
    );
  });
});
