import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { hasBlockShape, shapeResourceBlocks } from "../../../lib/readiness/input/block-shapes";
import { loadTerraformInput } from "../../../lib/readiness/input/load";
import type { TerraformJson } from "../../../lib/readiness/types";
import { FOREIGN_FIXTURES } from "./fixtures";
import { PROVIDER_BLOCKS_FILE, providerBlockShapes, providerBlocksText } from "./provider-block-shapes";

const ROOT = join(__dirname, "..", "..", "..");

/** A document without cdktf's `//` metadata blocks. */
function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "//").map(([k, v]) => [k, withoutComments(v)]));
  }
  return value;
}

describe("provider block shapes", () => {
  it("the committed table is what the installed provider bindings say (regenerate with provider-block-shapes.ts --write)", () => {
    expect(readFileSync(PROVIDER_BLOCKS_FILE, "utf8")).toBe(providerBlocksText(providerBlockShapes(ROOT)));
  });

  it("knows the workload, service, ingress and RBAC resources of both provider generations", () => {
    for (const type of ["kubernetes_deployment", "kubernetes_deployment_v1", "kubernetes_stateful_set_v1", "kubernetes_daemonset", "kubernetes_daemon_set_v1", "kubernetes_cron_job_v1", "kubernetes_job_v1", "kubernetes_pod", "kubernetes_replication_controller", "kubernetes_service", "kubernetes_ingress", "kubernetes_ingress_v1", "kubernetes_cluster_role_binding", "kubernetes_horizontal_pod_autoscaler_v2", "helm_release"]) {
      expect(hasBlockShape(type)).toBe(true);
    }
  });

  it("unwraps single blocks, keeps repeated ones, leaves unknown types and odd values alone", () => {
    expect(shapeResourceBlocks("kubernetes_service_v1", { metadata: [{ name: "a" }], spec: [{ port: [{ port: 80 }], type: "ClusterIP" }] })).toEqual({
      metadata: { name: "a" },
      spec: { port: [{ port: 80 }], type: "ClusterIP" },
    });
    expect(shapeResourceBlocks("kubernetes_service_v1", { metadata: [{ name: "a" }, { name: "b" }] })).toEqual({ metadata: [{ name: "a" }, { name: "b" }] });
    expect(shapeResourceBlocks("kubernetes_service_v1", { metadata: "${var.m}" })).toEqual({ metadata: "${var.m}" });
    expect(shapeResourceBlocks("aws_instance", { ebs_block_device: [{ size: 1 }] })).toEqual({ ebs_block_device: [{ size: 1 }] });
  });

  it("cdktf synth --hcl output reads back into exactly the resources and terraform block cdktf synthesizes as JSON", () => {
    const out = mkdtempSync(join(tmpdir(), "readystack-cdktf-json-"));
    try {
      const app = join(FOREIGN_FIXTURES, "cdktf-hcl", "app.js");
      execFileSync(process.execPath, [app, out], { cwd: ROOT, env: { ...process.env, SYNTH_HCL_OUTPUT: "false" }, stdio: "pipe" });
      const json = JSON.parse(readFileSync(join(out, "stacks", "web", "cdk.tf.json"), "utf8")) as TerraformJson;
      const [fromHcl] = loadTerraformInput(join(FOREIGN_FIXTURES, "cdktf-hcl", "cdktf.out"));
      expect(fromHcl.json.resource).toEqual(withoutComments(json.resource));
      expect(fromHcl.json.terraform).toEqual(json.terraform);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
