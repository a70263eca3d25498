/**
 * Not applicable is not a way to silence a rule: every rule that says "not applicable" when the stack lacks its
 * component applies (and can fail) as soon as the component is added.
 */
import { createRuleContext } from "../../../lib/readiness/context";
import { backupRule } from "../../../lib/readiness/rules/backup";
import { envDocumentedRule } from "../../../lib/readiness/rules/env-documented";
import { hpaPdbRule } from "../../../lib/readiness/rules/hpa-pdb";
import { hpaReplicasRule } from "../../../lib/readiness/rules/hpa-replicas";
import { hpaTargetRule } from "../../../lib/readiness/rules/hpa-target";
import { imagePinnedRule } from "../../../lib/readiness/rules/image-pinned";
import { ingressBackendRule } from "../../../lib/readiness/rules/ingress-backend";
import { ingressIssuerRule } from "../../../lib/readiness/rules/ingress-issuer";
import { ingressRedirectRule } from "../../../lib/readiness/rules/ingress-redirect";
import { ingressTlsRule } from "../../../lib/readiness/rules/ingress-tls";
import { jsonLogsRule } from "../../../lib/readiness/rules/json-logs";
import { logAggregationRule } from "../../../lib/readiness/rules/log-aggregation";
import { migrationsJobRule } from "../../../lib/readiness/rules/migrations-job";
import { netpolDependencyPathsRule } from "../../../lib/readiness/rules/netpol-dependency-paths";
import { probesRule } from "../../../lib/readiness/rules/probes";
import { redisProductionRule } from "../../../lib/readiness/rules/redis-production";
import { resourcesRule } from "../../../lib/readiness/rules/resources";
import { secCapsDroppedRule } from "../../../lib/readiness/rules/sec-caps-dropped";
import { secNetpolCoverageRule } from "../../../lib/readiness/rules/sec-netpol-coverage";
import { secNoPrivEscRule } from "../../../lib/readiness/rules/sec-no-priv-esc";
import { secNonRootRule } from "../../../lib/readiness/rules/sec-non-root";
import { secNotPrivilegedRule } from "../../../lib/readiness/rules/sec-not-privileged";
import { secPreventDestroyRule } from "../../../lib/readiness/rules/sec-prevent-destroy";
import { secReadonlyRootRule } from "../../../lib/readiness/rules/sec-readonly-root";
import { startupOrderRule } from "../../../lib/readiness/rules/startup-order";
import type { Rule, TerraformJson } from "../../../lib/readiness/types";
import { deployment, NS, secureContainer, secureStack, tf, type Json } from "./support/fixtures";

const web = (): Json => deployment("web", { component: "web" });
const api = (): Json => deployment("api", { component: "api", containers: [secureContainer("api", { env: [{ name: "LOG_LEVEL", value: "info" }] })] });
/** A Deployment with nothing set: no pod securityContext, a privileged container without probes or resources. */
const bareWeb = (): Json => ({
  metadata: { name: "web", namespace: NS },
  spec: { template: { spec: { container: [{ name: "web", image: "nginx", security_context: { privileged: true } }] } } },
});
const postgres = (): Json => deployment("db", { component: "database", containers: [secureContainer("postgres", { image: "postgres:17.6-bookworm" })] });
const redis = (): Json => deployment("cache", { containers: [secureContainer("redis", { image: "redis:7.4.6" })] });
const ingress = (): Json => ({
  metadata: { name: "web", namespace: NS },
  spec: { rule: { host: "shop.example.com", http: { path: { path: "/", backend: { service: { name: "web", port: { number: 80 } } } } } } },
});
const pvc = (): Json => ({ metadata: { name: "data", namespace: NS }, spec: { access_modes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } });

/** rule, a stack without its component, the same stack with it. */
const CASES: [Rule, TerraformJson, TerraformJson][] = [
  ...[probesRule, resourcesRule, secCapsDroppedRule, secNonRootRule, secNoPrivEscRule, secNotPrivilegedRule, secReadonlyRootRule,
    secNetpolCoverageRule, imagePinnedRule].map((rule): [Rule, TerraformJson, TerraformJson] => [
    rule,
    tf({}),
    tf({ kubernetes_deployment_v1: { web: bareWeb() } }),
  ]),
  ...[jsonLogsRule, envDocumentedRule, hpaTargetRule, hpaReplicasRule, hpaPdbRule].map((rule): [Rule, TerraformJson, TerraformJson] => [
    rule,
    tf({ kubernetes_deployment_v1: { web: web() } }),
    tf({
      kubernetes_deployment_v1: { web: web(), api: { ...api(), spec: { ...api().spec, replicas: 1 } } },
      kubernetes_horizontal_pod_autoscaler_v2: {
        api: { metadata: { name: "api", namespace: NS }, spec: { min_replicas: 1, max_replicas: 1, scale_target_ref: { kind: "Deployment", name: "api" } } },
      },
    }),
  ]),
  // Log aggregation is about the API's logs: a user's own workload without the API mark does not make it apply.
  [logAggregationRule, tf({ kubernetes_deployment_v1: { web: web() } }), tf({ kubernetes_deployment_v1: { web: web(), api: api() } })],
  [migrationsJobRule, tf({ kubernetes_deployment_v1: { api: api() } }), tf({ kubernetes_deployment_v1: { api: api(), db: postgres() } })],
  [backupRule, tf({ kubernetes_deployment_v1: { api: api() } }), tf({ kubernetes_deployment_v1: { api: api(), db: postgres() } })],
  [redisProductionRule, tf({ kubernetes_deployment_v1: { api: api() } }), tf({ kubernetes_deployment_v1: { api: api(), cache: redis() } })],
  ...[ingressTlsRule, ingressBackendRule, ingressRedirectRule].map((rule): [Rule, TerraformJson, TerraformJson] => [
    rule,
    tf({ kubernetes_deployment_v1: { web: web() } }),
    tf({ kubernetes_deployment_v1: { web: web() }, kubernetes_ingress_v1: { web: ingress() } }),
  ]),
  [
    ingressIssuerRule,
    tf({ kubernetes_deployment_v1: { web: web() } }),
    tf({
      kubernetes_deployment_v1: { web: web() },
      kubernetes_ingress_v1: { web: { ...ingress(), metadata: { ...ingress().metadata, annotations: { "cert-manager.io/cluster-issuer": "le" } } } },
    }),
  ],
  [secPreventDestroyRule, tf({ kubernetes_deployment_v1: { web: web() } }), tf({ kubernetes_deployment_v1: { web: web() }, kubernetes_persistent_volume_claim_v1: { data: pvc() } })],
  [
    startupOrderRule,
    tf({ kubernetes_deployment_v1: { web: web() } }),
    tf({ kubernetes_deployment_v1: { web: deployment("web", { containers: [secureContainer("web", { env: [{ name: "PGHOST", value: "db.example.com" }] })] }) } }),
  ],
  [
    netpolDependencyPathsRule,
    tf({ kubernetes_deployment_v1: { web: web() } }),
    (() => {
      const json = secureStack();
      json.resource.kubernetes_network_policy_v1 = {
        deny: { metadata: { name: "deny", namespace: NS }, spec: { pod_selector: {}, policy_types: ["Ingress", "Egress"] } },
      };
      return json as TerraformJson;
    })(),
  ],
];

describe("applicability", () => {
  it.each(CASES.map(([rule, without, withIt]) => [rule.id, rule, without, withIt] as const))(
    "%s is not applicable without its component and applies (with findings) once it is added",
    (_id, rule, without, withIt) => {
      const absent = rule.check(createRuleContext(without));
      expect(absent.applicable).toBe(false);
      expect(absent.findings).toEqual([]);
      const present = rule.check(createRuleContext(withIt));
      expect(present.applicable).not.toBe(false);
      expect(present.findings.length).toBeGreaterThan(0);
    },
  );

  it("every rule applies to the production-ready stack, which has every component", () => {
    const ctx = createRuleContext(secureStack() as TerraformJson);
    for (const rule of CASES.map(([r]) => r)) expect([rule.id, rule.check(ctx).applicable]).not.toEqual([rule.id, false]);
  });
});
