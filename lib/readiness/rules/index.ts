/**
 * The built-in readiness rules, one file each. Order: the 11 criteria in seed order, then security.
 */
import type { Rule } from "../types";
import { backupRule } from "./backup";
import { chartRendersRule } from "./chart-renders";
import { envDocumentedRule } from "./env-documented";
import { eolComponentRule } from "./eol-component";
import { hpaPdbRule } from "./hpa-pdb";
import { hpaReplicasRule } from "./hpa-replicas";
import { hpaTargetRule } from "./hpa-target";
import { imagePinnedRule } from "./image-pinned";
import { ingressBackendRule } from "./ingress-backend";
import { ingressIssuerRule } from "./ingress-issuer";
import { ingressRedirectRule } from "./ingress-redirect";
import { ingressTlsRule } from "./ingress-tls";
import { jsonLogsRule } from "./json-logs";
import { logAggregationRule } from "./log-aggregation";
import { migrationsJobRule } from "./migrations-job";
import { netpolDependencyPathsRule } from "./netpol-dependency-paths";
import { podSecurityAdmissionRule } from "./pod-security-admission";
import { noSecretLiteralsRule } from "./no-secret-literals";
import { probesRule } from "./probes";
import { providersPinnedRule } from "./providers-pinned";
import { redisProductionRule } from "./redis-production";
import { rehearsalCoverageRule } from "./rehearsal-coverage";
import { remoteBackendRule } from "./remote-backend";
import { resourcesRule } from "./resources";
import { schemaValidRule } from "./schema-valid";
import { secCapsDroppedRule } from "./sec-caps-dropped";
import { secNetpolCoverageRule } from "./sec-netpol-coverage";
import { secNoPrivEscRule } from "./sec-no-priv-esc";
import { secNonRootRule } from "./sec-non-root";
import { secNotPrivilegedRule } from "./sec-not-privileged";
import { secPreventDestroyRule } from "./sec-prevent-destroy";
import { secReadonlyRootRule } from "./sec-readonly-root";
import { startupOrderRule } from "./startup-order";

export {
  backupRule, envDocumentedRule, eolComponentRule, hpaPdbRule, hpaReplicasRule, hpaTargetRule, imagePinnedRule,
  ingressBackendRule, ingressIssuerRule, ingressRedirectRule, ingressTlsRule, jsonLogsRule, logAggregationRule,
  migrationsJobRule, netpolDependencyPathsRule, noSecretLiteralsRule, probesRule, providersPinnedRule, redisProductionRule,
  remoteBackendRule, resourcesRule, secCapsDroppedRule, secNetpolCoverageRule, secNoPrivEscRule, secNonRootRule, secNotPrivilegedRule,
  secPreventDestroyRule, secReadonlyRootRule, startupOrderRule,
  chartRendersRule, schemaValidRule, podSecurityAdmissionRule, rehearsalCoverageRule,
};

/** Every built-in rule. */
export const ALL_RULES: readonly Rule[] = [
  // 1 startup
  probesRule,
  resourcesRule,
  startupOrderRule,
  netpolDependencyPathsRule,
  chartRendersRule,
  schemaValidRule,
  // 2 migrations
  migrationsJobRule,
  // 3 redis
  redisProductionRule,
  // 4 json-logging
  jsonLogsRule,
  // 5 artifacts-pinned
  imagePinnedRule,
  // 6 config-documented
  envDocumentedRule,
  noSecretLiteralsRule,
  // 7 terraform-configured
  remoteBackendRule,
  providersPinnedRule,
  // 8 https-ingress
  ingressTlsRule,
  ingressIssuerRule,
  ingressRedirectRule,
  ingressBackendRule,
  // 9 autoscaling
  hpaTargetRule,
  hpaReplicasRule,
  hpaPdbRule,
  // 10 backups-validated
  backupRule,
  // 11 log-aggregation
  logAggregationRule,
  // security
  secNonRootRule,
  secNoPrivEscRule,
  secNotPrivilegedRule,
  secCapsDroppedRule,
  secReadonlyRootRule,
  secNetpolCoverageRule,
  secPreventDestroyRule,
  eolComponentRule,
  podSecurityAdmissionRule,
  // workload hygiene
  rehearsalCoverageRule,
];
