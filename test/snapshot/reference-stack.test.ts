import { Testing } from "cdktf";
import { buildReferenceStack } from "../../stacks/reference";

// The whole reference stack's Terraform JSON. A change here is a change to what users deploy:
// review the diff, then `npx jest test/snapshot -u`.
describe("reference stack snapshot", () => {
  const synthesized = Testing.synth(buildReferenceStack(Testing.app()));
  const json = JSON.parse(synthesized) as { resource: Record<string, Record<string, unknown>> };

  test("matches the snapshot", () => {
    expect(json).toMatchSnapshot();
  });

  test("contains every component of the stack", () => {
    const count = (type: string): number => Object.keys(json.resource[type] ?? {}).length;
    expect(count("kubernetes_stateful_set_v1")).toBe(2); // Postgres, Redis
    expect(count("kubernetes_cron_job_v1")).toBe(2); // backup, restore-verify
    expect(count("kubernetes_job_v1")).toBe(1); // migrations
    expect(count("kubernetes_deployment_v1")).toBe(1);
    expect(count("kubernetes_horizontal_pod_autoscaler_v2")).toBe(1);
    expect(count("kubernetes_pod_disruption_budget_v1")).toBe(1);
    expect(count("kubernetes_ingress_v1")).toBe(1);
    expect(count("kubernetes_manifest")).toBe(0); // the ClusterIssuer comes from a Helm release: no CRD needed at plan time
    const charts = Object.values(json.resource.helm_release as Record<string, { chart: string }>)
      .map((r) => (/^\.\/assets\/[^/]+\/[0-9A-F]{32}$/.test(r.chart) ? "local:readystack-manifests" : r.chart))
      .sort();
    expect(charts).toEqual(["cert-manager", "local:readystack-manifests", "loki", "promtail", "traefik"]);
  });

  test("is deterministic and machine-independent", () => {
    expect(Testing.synth(buildReferenceStack(Testing.app()))).toBe(synthesized);
    expect(synthesized).not.toContain(process.cwd());
    expect(synthesized).not.toContain(require("os").hostname());
    expect(synthesized).not.toContain(require("os").homedir() + "/");
  });
});
