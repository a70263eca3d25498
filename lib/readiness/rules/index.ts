/**
 * The built-in readiness rules, one file each. Order: the 11 criteria in seed order, then security.
 */
import type { Rule } from "../types";
import { backupRule } from "./backup";
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
import { noSecretLiteralsRule } from "./no-secret-literals";
import { probesRule } from "./probes";
import { providersPinnedRule } from "./providers-pinned";
import { redisProductionRule } from "./redis-production";
import { remoteBackendRule } from "./remote-backend";
import { resourcesRule } from "./resources";
import { secCapsDroppedRule } from "./sec-caps-dropped";
import { secNetpolCoverageRule } from "./sec-netpol-coverage";
import { secNoPrivEscRule } from "./sec-no-priv-esc";
import { secNonRootRule } from "./sec-non-root";
import { secNotPrivilegedRule } from "./sec-not-privileged";
import { secPreventDestroyRule } from "./sec-prevent-destroy";
import { secReadonlyRootRule } from "./sec-readonly-root";
import { startupOrderRule } from "./startup-order";
import { secHostNamespacesRule } from "./sec-host-namespaces";
import { secHostPathRule } from "./sec-host-path";
import { secHostPortRule } from "./sec-host-port";
import { secCapsAddedRule } from "./sec-caps-added";
import { secSeccompRule } from "./sec-seccomp";
import { secSaTokenRule } from "./sec-sa-token";
import { rbacClusterAdminRule } from "./rbac-cluster-admin";
import { rbacWildcardRule } from "./rbac-wildcard";
import { serviceExposureRule } from "./service-exposure";
import { deprecatedApiRule } from "./deprecated-api";
import { serviceSelectsPodsRule } from "./service-selects-pods";
import { pdbSelectsPodsRule } from "./pdb-selects-pods";
import { netpolSelectsPodsRule } from "./netpol-selects-pods";
import { selectorMatchesTemplateRule } from "./selector-matches-template";
import { statefulsetHeadlessServiceRule } from "./statefulset-headless-service";
import { minReplicasRule } from "./min-replicas";
import { cronjobConcurrencyRule } from "./cronjob-concurrency";

export {
  backupRule, envDocumentedRule, eolComponentRule, hpaPdbRule, hpaReplicasRule, hpaTargetRule, imagePinnedRule,
  ingressBackendRule, ingressIssuerRule, ingressRedirectRule, ingressTlsRule, jsonLogsRule, logAggregationRule,
  migrationsJobRule, netpolDependencyPathsRule, noSecretLiteralsRule, probesRule, providersPinnedRule, redisProductionRule,
  remoteBackendRule, resourcesRule, secCapsDroppedRule, secNetpolCoverageRule, secNoPrivEscRule, secNonRootRule, secNotPrivilegedRule,
  secPreventDestroyRule, secReadonlyRootRule, startupOrderRule,
};
export { secHostNamespacesRule, secHostPathRule, secHostPortRule, secCapsAddedRule, secSeccompRule };
export { secSaTokenRule, rbacClusterAdminRule, rbacWildcardRule, serviceExposureRule, deprecatedApiRule };
export {
  serviceSelectsPodsRule, pdbSelectsPodsRule, netpolSelectsPodsRule, selectorMatchesTemplateRule, statefulsetHeadlessServiceRule,
  minReplicasRule, cronjobConcurrencyRule,
};

/** Every built-in rule. */
export const ALL_RULES: readonly Rule[] = [
  // 1 startup
  probesRule,
  resourcesRule,
  startupOrderRule,
  netpolDependencyPathsRule,
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
  secHostNamespacesRule,
  secHostPathRule,
  secHostPortRule,
  secCapsAddedRule,
  secSeccompRule,
  secSaTokenRule,
  rbacClusterAdminRule,
  rbacWildcardRule,
  serviceExposureRule,
  deprecatedApiRule,
  // workload hygiene
  serviceSelectsPodsRule,
  pdbSelectsPodsRule,
  netpolSelectsPodsRule,
  selectorMatchesTemplateRule,
  statefulsetHeadlessServiceRule,
  minReplicasRule,
  cronjobConcurrencyRule,
];
