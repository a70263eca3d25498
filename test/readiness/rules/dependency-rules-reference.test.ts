/**
 * RS-STARTUP-ORDER and RS-NETPOL-DEPENDENCY-PATHS on the real reference stack: it passes both, and the
 * two false passes a review found (a missing wait-for-redis; missing migrations-to-postgres allows) fail.
 */
import { Testing } from "cdktf";
import type { ReadyStack } from "../../../lib/ready-stack";
import { netpolDependencyPathsRule } from "../../../lib/readiness/rules/netpol-dependency-paths";
import { startupOrderRule } from "../../../lib/readiness/rules/startup-order";
import type { Rule } from "../../../lib/readiness/types";
import { buildReferenceStack } from "../../../stacks/reference";
import { run, type Json } from "./support/fixtures";

function referenceJson(tweak: (s: ReadyStack) => void = () => undefined): Json {
  const stack = buildReferenceStack(Testing.app());
  tweak(stack);
  return JSON.parse(Testing.synth(stack)) as Json;
}

function check(rule: Rule, json: Json): { addresses: (string | undefined)[]; messages: string[] } {
  const out = run(rule, json);
  expect(out.findings.every((f) => f.ruleId === rule.id)).toBe(true);
  return { addresses: out.findings.map((f) => f.address), messages: out.messages };
}

const apiAddress = (s: ReadyStack): string => `kubernetes_deployment_v1.${s.api.deployment.friendlyUniqueId}`;

describe("dependency rules on the reference stack", () => {
  it("passes both rules", () => {
    const json = referenceJson();
    expect(check(startupOrderRule, json).messages).toEqual([]);
    expect(check(netpolDependencyPathsRule, json).messages).toEqual([]);
    expect(run(netpolDependencyPathsRule, json).evidence.filter((a) => !a.includes("network_policy")).length).toBe(3);
  });

  it("RS-STARTUP-ORDER fails without the API's wait-for-redis init container (its HTTP startup probe does not check Redis)", () => {
    let address = "";
    const json = referenceJson((s) => {
      address = apiAddress(s);
      s.api.deployment.addOverride("spec.template.spec.init_container.1", undefined);
    });
    const inits = (Object.values(json.resource.kubernetes_deployment_v1)[0] as Json).spec.template.spec.init_container;
    expect(inits.map((c: Json) => c.name)).toEqual(["wait-for-postgres"]);
    const out = check(startupOrderRule, json);
    expect(out.addresses).toEqual([address]);
    expect(out.messages[0]).toContain(`${address} container "api" depends on Redis (REDIS_URL=redis://***@redis.offgridflow.svc.cluster.local:6379/0`);
  });

  it("RS-STARTUP-ORDER fails when both init containers are replaced by one called `wait` that runs `true`", () => {
    const json = referenceJson();
    // In the JSON itself: a cdktf override of a list merges element by element.
    const api = Object.values(json.resource.kubernetes_deployment_v1)[0] as Json;
    api.spec.template.spec.init_container = [{ name: "wait", image: "busybox:1.37", command: ["true"] }];
    const out = check(startupOrderRule, json);
    expect(out.messages.map((m) => m.match(/depends on (\w+)/)?.[1])).toEqual(["Postgres", "Redis"]);
  });

  it("RS-NETPOL-DEPENDENCY-PATHS fails without the migrations-to-postgres policies (RS-SEC-NETPOL-COVERAGE alone would pass)", () => {
    const json = referenceJson((s) => {
      expect(s.networkPolicies.node.tryRemoveChild("migrations-to-postgres-ingress")).toBe(true);
      expect(s.networkPolicies.node.tryRemoveChild("migrations-to-postgres-egress")).toBe(true);
    });
    const out = check(netpolDependencyPathsRule, json);
    expect(out.addresses).toEqual([expect.stringMatching(/^kubernetes_job_v1\.migrations_job/)]);
    expect(out.messages[0]).toMatch(/needs Postgres \(PGHOST=postgres\.offgridflow\.svc\.cluster\.local → kubernetes_service_v1\.postgres_service_\w+\)/);
    expect(out.messages[0]).toContain('on port 5432 ("postgres"): no egress rule');
    expect(out.messages[0]).toContain("no ingress rule");
  });

  it("RS-NETPOL-DEPENDENCY-PATHS fails without the api-to-redis policies", () => {
    const json = referenceJson((s) => {
      s.networkPolicies.node.tryRemoveChild("api-to-redis-ingress");
      s.networkPolicies.node.tryRemoveChild("api-to-redis-egress");
    });
    const out = check(netpolDependencyPathsRule, json);
    expect(out.addresses).toEqual([expect.stringMatching(/^kubernetes_deployment_v1\.api_deployment/)]);
    expect(out.messages[0]).toContain("needs Redis");
    expect(out.messages[0]).toContain('on port 6379 ("redis")');
  });
});
