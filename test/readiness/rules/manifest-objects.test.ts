/**
 * One model: workload rules see objects from kubernetes_manifest exactly as they see provider resources.
 * A Vault StatefulSet written as a kubernetes_manifest, with no probes, no resources and no securityContext,
 * gets the same findings a kubernetes_stateful_set_v1 would.
 */
import { backupRule } from "../../../lib/readiness/rules/backup";
import { envDocumentedRule } from "../../../lib/readiness/rules/env-documented";
import { hpaPdbRule } from "../../../lib/readiness/rules/hpa-pdb";
import { hpaReplicasRule } from "../../../lib/readiness/rules/hpa-replicas";
import { hpaTargetRule } from "../../../lib/readiness/rules/hpa-target";
import { imagePinnedRule } from "../../../lib/readiness/rules/image-pinned";
import { jsonLogsRule } from "../../../lib/readiness/rules/json-logs";
import { migrationsJobRule } from "../../../lib/readiness/rules/migrations-job";
import { netpolDependencyPathsRule } from "../../../lib/readiness/rules/netpol-dependency-paths";
import { noSecretLiteralsRule } from "../../../lib/readiness/rules/no-secret-literals";
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
import { createRuleContext } from "../../../lib/readiness/context";
import type { TerraformJson } from "../../../lib/readiness/types";
import { labels, NS, run, secureStack, type Json } from "./support/fixtures";

const VAULT = "kubernetes_manifest.vault";

/** A Vault StatefulSet as a plain Kubernetes manifest: no probes, resources or securityContext. */
function vaultManifest(): Json {
  const l = labels("vault", "secrets");
  return {
    manifest: {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "vault", namespace: NS, labels: l },
      spec: {
        serviceName: "vault",
        selector: { matchLabels: l },
        template: {
          metadata: { labels: l },
          spec: { containers: [{ name: "vault", image: "hashicorp/vault:1.20.0", ports: [{ name: "http", containerPort: 8200 }] }] },
        },
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } }],
      },
    },
  };
}

/** The production-ready stack plus the Vault manifest. */
function withVault(mutate: (manifest: Json) => void = () => undefined): Json {
  const json = secureStack();
  const m = vaultManifest();
  mutate(m.manifest);
  json.resource.kubernetes_manifest = { vault: m };
  return json;
}

function vaultMessages(rule: Parameters<typeof run>[0], json: Json = withVault()): string[] {
  return run(rule, json).findings.filter((f) => f.address === VAULT).map((f) => f.message);
}

describe("workload rules on a kubernetes_manifest object", () => {
  it("RS-PROBES: reports the missing probes", () => {
    expect(vaultMessages(probesRule)).toEqual([`${VAULT} container "vault" has no readinessProbe and no livenessProbe (missing).`]);
  });

  it("RS-RESOURCES: reports the missing requests and limits", () => {
    expect(vaultMessages(resourcesRule)).toEqual([
      `${VAULT} container "vault" lacks resources.requests.cpu, resources.requests.memory, resources.limits.cpu, resources.limits.memory.`,
    ]);
  });

  it("RS-SEC-*: reports the missing securityContext fields", () => {
    expect(vaultMessages(secNonRootRule)).toEqual([`${VAULT} container "vault": runAsNonRoot = unset (needs true at pod or container level).`]);
    expect(vaultMessages(secNoPrivEscRule)).toEqual([`${VAULT} container "vault": securityContext.allowPrivilegeEscalation = unset (needs false).`]);
    expect(vaultMessages(secReadonlyRootRule)).toEqual([`${VAULT} container "vault": securityContext.readOnlyRootFilesystem = unset (needs true).`]);
    expect(vaultMessages(secCapsDroppedRule)).toEqual([`${VAULT} container "vault": securityContext.capabilities.drop = unset (needs "ALL").`]);
    const privileged = withVault((m) => {
      m.spec.template.spec.containers[0].securityContext = { privileged: true };
    });
    expect(vaultMessages(secNotPrivilegedRule, privileged)).toEqual([`${VAULT} container "vault": securityContext.privileged = true.`]);
  });

  it("RS-SEC-PREVENT-DESTROY: a manifest StatefulSet with volumeClaimTemplates needs prevent_destroy", () => {
    expect(vaultMessages(secPreventDestroyRule)).toEqual([
      `${VAULT} is a StatefulSet with volumeClaimTemplates but lifecycle.prevent_destroy is not true: a plan may delete its data.`,
    ]);
  });

  it("RS-SEC-NETPOL-COVERAGE: a manifest workload in another namespace is covered by no policy", () => {
    const json = withVault((m) => {
      m.metadata.namespace = "vault";
    });
    expect(vaultMessages(secNetpolCoverageRule, json)).toEqual([expect.stringContaining(`${VAULT} pods {`)]);
    expect(vaultMessages(secNetpolCoverageRule, json)[0]).toContain("in namespace vault are selected by no NetworkPolicy");
  });

  it("RS-IMAGE-PINNED: reads the manifest's image", () => {
    const json = withVault((m) => {
      m.spec.template.spec.containers[0].image = "hashicorp/vault:latest";
    });
    expect(vaultMessages(imagePinnedRule, json)).toEqual([`${VAULT} container "vault" image "hashicorp/vault:latest" uses the moving tag :latest.`]);
  });

  it("RS-NO-SECRET-LITERALS: reads the manifest's env", () => {
    const json = withVault((m) => {
      m.spec.template.spec.containers[0].env = [{ name: "VAULT_TOKEN", value: "root" }];
    });
    expect(vaultMessages(noSecretLiteralsRule, json)).toEqual([
      `${VAULT} container "vault" sets secret env VAULT_TOKEN to a literal value instead of a valueFrom.secretKeyRef.`,
    ]);
  });

  it("RS-STARTUP-ORDER: a manifest workload that needs Postgres must wait for it", () => {
    const json = withVault((m) => {
      m.spec.template.spec.containers[0].env = [{ name: "PGHOST", value: "postgres" }];
    });
    expect(vaultMessages(startupOrderRule, json)).toEqual([expect.stringContaining(`${VAULT} container "vault" depends on Postgres`)]);
  });

  it("RS-NETPOL-DEPENDENCY-PATHS: a manifest client of Postgres needs its network path opened", () => {
    const json = withVault((m) => {
      m.spec.template.spec.containers[0].env = [{ name: "PGHOST", value: "postgres" }];
    });
    expect(vaultMessages(netpolDependencyPathsRule, json)).toEqual([expect.stringContaining(`${VAULT} needs Postgres (PGHOST=postgres → kubernetes_service_v1.postgres) but NetworkPolicies block its traffic`)]);
  });

  it("RS-REDIS-PRODUCTION: a Redis written as a manifest is checked like any other", () => {
    const json = withVault((m) => {
      m.spec.template.spec.containers[0].image = "redis:7.4.6";
    });
    expect(vaultMessages(redisProductionRule, json)).toEqual([expect.stringContaining(`Redis ${VAULT} container "vault" is not production-ready: no authentication`)]);
  });

  it("RS-BACKUP: a backup CronJob written as a manifest is read", () => {
    const json = secureStack();
    const l = labels("backup2", "backup");
    json.resource.kubernetes_manifest = {
      backup2: {
        manifest: {
          apiVersion: "batch/v1",
          kind: "CronJob",
          metadata: { name: "backup2", namespace: NS, labels: l },
          spec: { schedule: "0 4 * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: "b", image: "postgres:17.6", env: [{ name: "PGHOST", value: "postgres" }, { name: "BACKUP_RETENTION", value: "7" }] }] } } } } },
        },
      },
    };
    expect(run(backupRule, json).findings.filter((f) => f.address === "kubernetes_manifest.backup2").map((f) => f.message)).toEqual([
      'Backup kubernetes_manifest.backup2: spec.concurrencyPolicy = unset (Allow), not "Forbid"; no spec.startingDeadlineSeconds; no spec.jobTemplate.spec.activeDeadlineSeconds.',
      expect.stringMatching(/^Backup kubernetes_manifest\.backup2 keeps its dumps only in the cluster: no off-site copy/),
    ]);
  });

  it("API rules: a manifest Deployment labelled component api is an API (JSON logs, env, HPA)", () => {
    const json = secureStack();
    const l = labels("api2", "api");
    json.resource.kubernetes_manifest = {
      api2: {
        manifest: {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "api2", namespace: NS, labels: l },
          spec: { selector: { matchLabels: l }, template: { metadata: { labels: l }, spec: { containers: [{ name: "api2", image: "ghcr.io/acme/api2:1.0.0", env: [{ name: "LOG_FORMAT", value: "text" }] }] } } },
        },
      },
    };
    const at = "kubernetes_manifest.api2";
    const of = (rule: Parameters<typeof run>[0]): string[] => run(rule, json).findings.filter((f) => f.address === at).map((f) => f.message);
    expect(of(jsonLogsRule)).toEqual([`${at} container "api2": LOG_FORMAT is "text" (from env); JSON logs need LOG_FORMAT=json.`]);
    expect(of(envDocumentedRule)).toEqual([`${at} has 1 env var(s) (LOG_FORMAT) but no //.readystack.envExample list documenting them.`]);
    expect(of(migrationsJobRule)).toEqual([`${at} does not depend on the migrations Job (depends_on = []).`]);
    expect(of(hpaTargetRule)).toEqual([`${at} has no HorizontalPodAutoscaler (no HPA's spec.scaleTargetRef names it).`]);
    // An HPA written as a manifest, naming the manifest Deployment, is read too.
    json.resource.kubernetes_manifest.hpa2 = {
      manifest: {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: "api2", namespace: NS },
        spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api2" }, minReplicas: 1, maxReplicas: 3 },
      },
    };
    expect(run(hpaReplicasRule, json).findings.map((f) => f.message)).toEqual(["kubernetes_manifest.hpa2: spec.minReplicas = 1 (needs ≥ 2)."]);
    expect(of(hpaPdbRule)).toEqual([expect.stringContaining(`${at} (scaled by kubernetes_manifest.hpa2) has no PodDisruptionBudget`)]);
  });

  it("objects a helm_release carries in its values: the finding names the release and the object (objectRef)", () => {
    const json = secureStack();
    json.resource.helm_release.extras = {
      name: "extras",
      chart: "./charts/manifests",
      namespace: NS,
      values: ["objects:\n  - apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: worker}\n    spec:\n      template:\n        spec:\n          containers: [{name: worker, image: 'ghcr.io/acme/worker:1.0.0'}]\n"],
    };
    const out = probesRule.check(createRuleContext(json as TerraformJson));
    expect(out.findings.filter((f) => f.address === "helm_release.extras")).toEqual([
      expect.objectContaining({
        address: "helm_release.extras",
        objectRef: `Deployment/${NS}/worker`,
        message: `helm_release.extras Deployment/${NS}/worker container "worker" has no readinessProbe and no livenessProbe (missing).`,
      }),
    ]);
  });
});
