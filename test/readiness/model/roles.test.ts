import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { Testing } from "cdktf";
import { createRuleContext } from "../../../lib/readiness/context";
import { apiWorkloads } from "../../../lib/readiness/model/roles";
import { envDocumentedRule } from "../../../lib/readiness/rules/env-documented";
import { hpaPdbRule } from "../../../lib/readiness/rules/hpa-pdb";
import { hpaReplicasRule } from "../../../lib/readiness/rules/hpa-replicas";
import { hpaTargetRule } from "../../../lib/readiness/rules/hpa-target";
import { jsonLogsRule } from "../../../lib/readiness/rules/json-logs";
import { migrationsJobRule } from "../../../lib/readiness/rules/migrations-job";
import type { Rule, RuleOutcome, TerraformJson } from "../../../lib/readiness/types";
import { buildReferenceStack } from "../../../stacks/reference";

/** The reference stack (ApiService inside) plus a user's own Prometheus Deployment in the same namespace. */
function stackWithPrometheus(): TerraformJson {
  const stack = buildReferenceStack(Testing.app());
  const labels = { "app.kubernetes.io/name": "prometheus" };
  new DeploymentV1(stack, "prometheus", {
    metadata: { name: "prometheus", namespace: "offgridflow", labels },
    spec: {
      replicas: "1",
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { container: [{ name: "prometheus", image: "prom/prometheus:v3.5.0", env: [{ name: "TZ", value: "UTC" }] }] },
      },
    },
  });
  return stack.toTerraform() as TerraformJson;
}

const API_RULES: Rule[] = [jsonLogsRule, envDocumentedRule, hpaTargetRule, hpaReplicasRule, hpaPdbRule, migrationsJobRule];

function mentions(out: RuleOutcome, text: string): boolean {
  return out.findings.some((f) => f.message.includes(text) || (f.address ?? "").includes(text)) || out.evidence.some((e) => e.includes(text));
}

describe("roles: API rules apply to the API only", () => {
  const json = stackWithPrometheus();

  it("marks ApiService's Deployment as the API, not the user's Prometheus", () => {
    const ctx = createRuleContext(json);
    expect(apiWorkloads(ctx).map((w) => w.name)).toEqual(["api"]);
    for (const rule of API_RULES) {
      const out = rule.check(ctx);
      expect([rule.id, mentions(out, "prometheus")]).toEqual([rule.id, false]);
      expect([rule.id, out.findings]).toEqual([rule.id, []]);
    }
    // The API itself is what they check.
    expect(mentions(jsonLogsRule.check(ctx), "kubernetes_deployment_v1.api_deployment")).toBe(true);
  });

  it("takes the user's role selectors: by name or by labels", () => {
    const byName = createRuleContext(json, { roles: { api: { names: ["offgridflow/prometheus"] } } });
    expect(apiWorkloads(byName).map((w) => w.name)).toEqual(["api", "prometheus"]);
    const logs = jsonLogsRule.check(byName);
    expect(logs.findings.map((f) => f.message)).toEqual([
      'kubernetes_deployment_v1.prometheus container "prometheus": LOG_FORMAT is not set; JSON logs need LOG_FORMAT=json.',
    ]);
    const byLabels = createRuleContext(json, { roles: { api: { labels: { "app.kubernetes.io/name": "prometheus" } } } });
    expect(apiWorkloads(byLabels).map((w) => w.name)).toEqual(["api", "prometheus"]);
    expect(hpaTargetRule.check(byLabels).findings.map((f) => f.message)).toEqual([
      "kubernetes_deployment_v1.prometheus has no HorizontalPodAutoscaler (no HPA's spec.scaleTargetRef names it).",
    ]);
    // A selector matching nothing adds nothing.
    expect(apiWorkloads(createRuleContext(json, { roles: { api: { labels: { team: "none" } } } })).map((w) => w.name)).toEqual(["api"]);
  });
});
