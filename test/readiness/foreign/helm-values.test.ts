/**
 * Helm values as Terraform stacks write them (test/fixtures/foreign/helm-values): `yamlencode({...})` of a
 * constant is read like plain YAML; `file(...)` is not, and the coverage of the check names it with the
 * expression. helm.ts decides what resolves; coverage and the rules read that one answer.
 */
import { join } from "path";
import { runReadiness } from "../../../lib/readiness/engine";
import { createRuleContext } from "../../../lib/readiness/context";
import { loadTerraformInput } from "../../../lib/readiness/input/load";
import { helmReleaseAt, helmReleases } from "../../../lib/readiness/model/helm";
import type { TerraformJson } from "../../../lib/readiness/types";
import { FOREIGN_FIXTURES } from "../input/fixtures";

describe("helm_release values of a Terraform stack", () => {
  const [loaded] = loadTerraformInput(join(FOREIGN_FIXTURES, "helm-values"));
  const ctx = createRuleContext(loaded.json);

  it("decodes yamlencode of a constant and applies set on top", () => {
    const podinfo = helmReleaseAt(ctx, "helm_release.podinfo");
    expect(podinfo?.values).toEqual({
      replicaCount: 2,
      ui: { message: "hello from terraform", color: "#34577c" },
      resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } },
      service: { type: "ClusterIP" },
    });
    expect(podinfo?.unresolvedValues).toEqual([]);
  });

  it("names file(...) as unresolved, with the expression and why", () => {
    const metrics = helmReleaseAt(ctx, "helm_release.metrics_server");
    expect(metrics?.values).toEqual({});
    expect(metrics?.unresolvedValues).toEqual([
      { index: 0, expression: '${file("${path.module}/values/metrics-server.yaml")}', reason: "the function call file(...) is not constant" },
    ]);
  });

  it("coverage lists exactly the unresolved entry, as helm.ts decided", () => {
    const result = runReadiness(loaded.json);
    const helm = result.coverage.notAnalysed.filter((n) => n.address.startsWith("helm_release."));
    expect(helm).toEqual([
      {
        address: "helm_release.metrics_server",
        reason:
          'values[0] ${file("${path.module}/values/metrics-server.yaml")} does not resolve (the function call file(...) is not constant); the objects and settings it holds are not analysed',
      },
    ]);
  });
});

describe("values forms", () => {
  const json: TerraformJson = {
    locals: { podinfo_values: { replicaCount: 3, ui: { color: "blue" } }, extra_yaml: "nodeSelector:\n  disk: ssd\n" },
    resource: {
      helm_release: {
        r: {
          chart: "podinfo",
          values: [
            "replicaCount: 1\n",
            "${yamlencode(local.podinfo_values)}",
            '${jsonencode({ ingress = { enabled = true } })}',
            "image:\n  tag: ${var.tag}\n",
            "${yamlencode(var.extra)}",
            "${local.missing}",
            "${local.extra_yaml}",
          ],
        },
      },
    },
  };
  const [rel] = helmReleases(createRuleContext(json));

  it("merges plain YAML, yamlencode of a local, jsonencode of a constant and YAML with interpolations and a local holding YAML", () => {
    expect(rel.values).toEqual({ replicaCount: 3, ui: { color: "blue" }, ingress: { enabled: true }, image: { tag: "${var.tag}" }, nodeSelector: { disk: "ssd" } });
  });

  it("reports variables and unknown locals with the expression", () => {
    expect(rel.unresolvedValues.map((u) => [u.index, u.expression, u.reason])).toEqual([
      [4, "${yamlencode(var.extra)}", "the reference var.extra is not constant"],
      [5, "${local.missing}", "the reference local.missing is not constant"],
    ]);
    const coverage = runReadiness(json, { rules: [] }).coverage.notAnalysed.map((n) => n.reason);
    expect(coverage).toEqual([
      "values[4] ${yamlencode(var.extra)} does not resolve (the reference var.extra is not constant); the objects and settings it holds are not analysed",
      "values[5] ${local.missing} does not resolve (the reference local.missing is not constant); the objects and settings it holds are not analysed",
    ]);
  });
});
