import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { Readiness } from "../../lib";
import { buildReadyStackFromDefaults, defaultsProps } from "../../examples/ready-stack-defaults";

describe("example: a ReadyStack from its defaults", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-example-"));
  const app = new App({ outdir });
  const stack = buildReadyStackFromDefaults(app, "shop", { ...defaultsProps(), readiness: { quiet: true } });
  app.synth();
  const dir = path.join(outdir, "stacks", "shop");
  const result = Readiness.lastResult(stack)!;
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test("synth passes the strict check and writes the Terraform JSON", () => {
    expect(result.strict).toBe(true);
    expect(result.passed).toBe(true);
    expect(result.findings.filter((f) => f.waivedReason === undefined)).toEqual([]);
    expect(fs.existsSync(path.join(dir, "cdk.tf.json"))).toBe(true);
  });

  test("installs the defaults: cert-manager, Traefik, Loki and Alloy, each with NetworkPolicies in its namespace", () => {
    const tf = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
    const charts = Object.values(tf.resource.helm_release as Record<string, { chart: string }>).map((r) => r.chart).sort();
    expect(charts).toEqual(expect.arrayContaining(["alloy", "cert-manager", "loki", "traefik"]));
    const policies = Object.values(tf.resource.kubernetes_network_policy_v1 as Record<string, { metadata: { namespace: string; name: string } }>);
    const denyIn = (ns: string) => policies.some((p) => p.metadata.namespace === ns && p.metadata.name === "default-deny");
    expect(["shop", "logging", "cert-manager", "traefik"].filter(denyIn)).toEqual(["shop", "logging", "cert-manager", "traefik"]);
  });
});
