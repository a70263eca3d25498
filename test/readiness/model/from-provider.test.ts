import { Testing } from "cdktf";
import { createRuleContext } from "../../../lib/readiness/context";
import type { KubeObject, ModelObject } from "../../../lib/readiness/model/object";
import { providerObject } from "../../../lib/readiness/model/from-provider";
import type { TerraformJson } from "../../../lib/readiness/types";
import { buildReferenceStack } from "../../../stacks/reference";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The reference stack's objects, by address (plus objectRef inside a release). */
function referenceObjects(): Map<string, ModelObject> {
  const json = buildReferenceStack(Testing.app()).toTerraform() as TerraformJson;
  const ctx = createRuleContext(json);
  return new Map(ctx.objects.map((o) => [o.objectRef === undefined ? o.address : `${o.address} ${o.objectRef}`, o]));
}

function byPrefix(objects: Map<string, ModelObject>, prefix: string): Json {
  const found = [...objects.entries()].find(([k]) => k.startsWith(prefix));
  if (!found) throw new Error(`no object ${prefix}`);
  return found[1].object as Json;
}

describe("provider resources → Kubernetes API objects", () => {
  const objects = referenceObjects();

  test("the API Deployment has the API's camelCase shape", () => {
    const d = byPrefix(objects, "kubernetes_deployment_v1.api_deployment");
    expect(d.apiVersion).toBe("apps/v1");
    expect(d.kind).toBe("Deployment");
    expect(d.metadata).toMatchObject({ name: "api", namespace: "offgridflow" });
    expect(d.metadata.labels["app.kubernetes.io/component"]).toBe("api");
    expect(d.spec.selector.matchLabels["app.kubernetes.io/name"]).toBe("api");
    expect(d.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } });
    const pod = d.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    const c = pod.containers[0];
    expect(c.name).toBe("api");
    expect(c.ports).toEqual([{ containerPort: 8080, name: "http", protocol: "TCP" }]);
    expect(c.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http", scheme: "HTTP" });
    expect(c.livenessProbe.httpGet.port).toBe("http");
    expect(c.securityContext.capabilities.drop).toEqual(["ALL"]);
    expect(c.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(c.securityContext.seccompProfile).toEqual({ type: "RuntimeDefault" });
    expect(c.resources).toEqual({ limits: { cpu: "1", memory: "512Mi" }, requests: { cpu: "250m", memory: "256Mi" } });
    expect(c.volumeMounts).toEqual([{ mountPath: "/tmp", name: "tmp" }]);
    expect(c.env.find((e: Json) => e.name === "LOG_FORMAT").valueFrom.configMapKeyRef.key).toBe("LOG_FORMAT");
    expect(pod.initContainers.map((i: Json) => i.name)).toContain("wait-for-postgres");
    // Provider-only attributes are not part of the object.
    expect(d).not.toHaveProperty("depends_on");
    expect(d).not.toHaveProperty("dependsOn");
    expect(d).not.toHaveProperty("//");
    expect(d).not.toHaveProperty("waitForRollout");
  });

  test("StatefulSet, CronJob, HPA, Ingress, NetworkPolicy, Service, Secret", () => {
    const sts = byPrefix(objects, "kubernetes_stateful_set_v1.postgres");
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } });
    expect(sts.spec.template.spec.containers[0].readinessProbe.exec.command[0]).toBe("sh");
    const cron = byPrefix(objects, "kubernetes_cron_job_v1.backup_");
    expect(cron.apiVersion).toBe("batch/v1");
    expect(cron.spec).toMatchObject({ concurrencyPolicy: "Forbid", startingDeadlineSeconds: 600, timeZone: "Etc/UTC" });
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(3600);
    // The dump runs as an init container; the off-site upload runs after it.
    const backupPod = cron.spec.jobTemplate.spec.template.spec;
    expect(backupPod.initContainers.map((c: { command: string[] }) => c.command)).toContainEqual(["bash", "/scripts/backup.sh"]);
    expect(backupPod.containers[0].command).toEqual(["sh", "/scripts/offsite.sh", "upload"]);
    const hpa = byPrefix(objects, "kubernetes_horizontal_pod_autoscaler_v2.");
    expect(hpa.apiVersion).toBe("autoscaling/v2");
    expect(hpa.spec.minReplicas).toBe(2);
    expect(hpa.spec.metrics[0]).toEqual({ type: "Resource", resource: { name: "cpu", target: { averageUtilization: 70, type: "Utilization" } } });
    expect(hpa.spec.behavior.scaleDown.policies).toEqual([{ periodSeconds: 60, type: "Percent", value: 50 }]);
    expect(hpa.spec.scaleTargetRef.kind).toBe("Deployment");
    const ing = byPrefix(objects, "kubernetes_ingress_v1.");
    expect(ing.spec.ingressClassName).toBe("traefik");
    expect(ing.spec.rules[0].http.paths[0]).toMatchObject({ path: "/", pathType: "Prefix" });
    expect(ing.spec.rules[0].http.paths[0].backend.service.port).toEqual({ number: 80 });
    expect(ing.spec.tls).toEqual([{ hosts: ["api.offgridflow.example"], secretName: "ingress-tls" }]);
    const np = byPrefix(objects, "kubernetes_network_policy_v1.network-policies_api-to-postgres-egress");
    expect(np.spec.policyTypes).toEqual(["Egress"]);
    expect(np.spec.egress[0].ports).toEqual([{ port: 5432, protocol: "TCP" }]);
    expect(np.spec.egress[0].to[0].podSelector.matchLabels["app.kubernetes.io/name"]).toBe("postgres");
    const svc = byPrefix(objects, "kubernetes_service_v1.api_service");
    expect(svc.spec.selector).toEqual({ "app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "api", "app.kubernetes.io/component": "api" });
    expect(svc.spec.ports).toEqual([{ name: "http", port: 80, protocol: "TCP", targetPort: "http" }]);
    const secret = byPrefix(objects, "kubernetes_secret_v1.redis_secret");
    expect(secret.stringData.password).toMatch(/^\$\{random_password\./); // interpolations stay strings
    expect(secret.type).toBe("Opaque");
  });

  test("objects a helm_release carries in its values get origin helm-values and an objectRef", () => {
    const issuer = [...objects.values()].find((o) => o.object.kind === "ClusterIssuer");
    expect(issuer?.origin).toBe("helm-values");
    expect(issuer?.objectRef).toBe("ClusterIssuer/letsencrypt-production");
    expect(issuer?.address).toMatch(/^helm_release\./);
  });

  test("hand-written block lists unwrap into objects except where the API field is an array", () => {
    const o = providerObject("kubernetes_deployment", {
      metadata: [{ name: "x", labels: { app_name: "x" } }],
      spec: [{
        replicas: "2",
        selector: [{ match_labels: { app_name: "x" } }],
        template: [{
          metadata: [{ labels: { app_name: "x" } }],
          spec: [{
            container: [{ name: "c", port: [{ container_port: "8080" }], volume_mount: [{ name: "v", mount_path: "/v" }], env_from: [{ config_map_ref: [{ name: "cm" }] }] }],
            volume: [{ name: "v", config_map: [{ name: "cm", items: [{ key: "a", path: "a" }] }] }],
            toleration: [{ key: "k", operator: "Exists" }],
            topology_spread_constraint: [{ max_skew: 1, topology_key: "zone", when_unsatisfiable: "DoNotSchedule", label_selector: [{ match_expressions: [{ key: "a", operator: "In", values: ["b"] }] }] }],
            image_pull_secrets: [{ name: "reg" }],
            host_aliases: [{ ip: "1.2.3.4", hostnames: ["h"] }],
            affinity: [{ node_affinity: [{ required_during_scheduling_ignored_during_execution: [{ node_selector_term: [{ match_expressions: [{ key: "k", operator: "Exists" }] }] }] }] }],
          }],
        }],
      }],
      wait_for_rollout: false,
      timeouts: { create: "5m" },
      lifecycle: { prevent_destroy: true },
    }) as KubeObject & Json;
    expect(o.metadata).toEqual({ name: "x", labels: { app_name: "x" } }); // label keys are not camelCased
    expect(o.spec.replicas).toBe(2);
    expect(o.spec.selector).toEqual({ matchLabels: { app_name: "x" } });
    const pod = o.spec.template.spec;
    expect(pod.containers[0]).toEqual({
      name: "c", ports: [{ containerPort: 8080 }], volumeMounts: [{ name: "v", mountPath: "/v" }], envFrom: [{ configMapRef: { name: "cm" } }],
    });
    expect(pod.volumes).toEqual([{ name: "v", configMap: { name: "cm", items: [{ key: "a", path: "a" }] } }]);
    expect(pod.tolerations).toEqual([{ key: "k", operator: "Exists" }]);
    expect(pod.topologySpreadConstraints[0].labelSelector.matchExpressions).toEqual([{ key: "a", operator: "In", values: ["b"] }]);
    expect(pod.imagePullSecrets).toEqual([{ name: "reg" }]);
    expect(pod.hostAliases).toEqual([{ ip: "1.2.3.4", hostnames: ["h"] }]);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key).toBe("k");
    expect(Object.keys(o).sort()).toEqual(["apiVersion", "kind", "metadata", "spec"]);
  });

  test("kinds and apiVersions of legacy and versioned resource types", () => {
    const kindOf = (type: string, body: Json = { metadata: { name: "x" } }): string | undefined => {
      const o = providerObject(type, body);
      return o === undefined ? undefined : `${o.apiVersion} ${o.kind}`;
    };
    expect(kindOf("kubernetes_daemonset")).toBe("apps/v1 DaemonSet");
    expect(kindOf("kubernetes_daemon_set_v1")).toBe("apps/v1 DaemonSet");
    expect(kindOf("kubernetes_cron_job")).toBe("batch/v1beta1 CronJob");
    expect(kindOf("kubernetes_ingress")).toBe("networking.k8s.io/v1beta1 Ingress");
    expect(kindOf("kubernetes_horizontal_pod_autoscaler_v2beta2")).toBe("autoscaling/v2beta2 HorizontalPodAutoscaler");
    expect(kindOf("kubernetes_pod_disruption_budget")).toBe("policy/v1beta1 PodDisruptionBudget");
    expect(kindOf("kubernetes_replication_controller_v1")).toBe("v1 ReplicationController");
    expect(kindOf("kubernetes_cluster_role_binding_v1")).toBe("rbac.authorization.k8s.io/v1 ClusterRoleBinding");
    expect(kindOf("kubernetes_labels")).toBeUndefined(); // patches an existing object
  });

  test("Role rules, binding subjects, ingress v1beta1 backends, LimitRange limits, Service selector map", () => {
    const role = providerObject("kubernetes_role_v1", { metadata: { name: "r" }, rule: [{ api_groups: [""], resources: ["pods"], verbs: ["get"] }] }) as Json;
    expect(role.rules).toEqual([{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]);
    const rb = providerObject("kubernetes_role_binding_v1", {
      metadata: { name: "rb" }, role_ref: { api_group: "rbac.authorization.k8s.io", kind: "Role", name: "r" },
      subject: [{ kind: "ServiceAccount", name: "sa", namespace: "ns" }],
    }) as Json;
    expect(rb.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" });
    expect(rb.subjects).toEqual([{ kind: "ServiceAccount", name: "sa", namespace: "ns" }]);
    const ing = providerObject("kubernetes_ingress", {
      metadata: { name: "i" }, spec: { backend: { service_name: "s", service_port: "80" }, rule: { host: "h", http: { path: { path: "/", backend: { service_name: "s", service_port: "http" } } } } },
    }) as Json;
    expect(ing.spec.backend).toEqual({ serviceName: "s", servicePort: "80" });
    expect(ing.spec.rules[0].http.paths[0]).toEqual({ path: "/", backend: { serviceName: "s", servicePort: "http" } });
    const lr = providerObject("kubernetes_limit_range_v1", { metadata: { name: "l" }, spec: { limit: { type: "Container", default: { cpu: "1" }, default_request: { cpu: "100m" } } } }) as Json;
    expect(lr.spec.limits).toEqual([{ type: "Container", default: { cpu: "1" }, defaultRequest: { cpu: "100m" } }]);
    const svc = providerObject("kubernetes_service_v1", { metadata: { name: "s" }, spec: { cluster_ip: "None", selector: { app_name: "x" }, port: { port: 80, target_port: "8080" } } }) as Json;
    expect(svc.spec).toEqual({ clusterIP: "None", selector: { app_name: "x" }, ports: [{ port: 80, targetPort: 8080 }] });
    const sa = providerObject("kubernetes_service_account_v1", { metadata: { name: "sa" }, automount_service_account_token: false, image_pull_secret: [{ name: "reg" }] }) as Json;
    expect(sa).toMatchObject({ automountServiceAccountToken: false, imagePullSecrets: [{ name: "reg" }] });
    const sc = providerObject("kubernetes_storage_class_v1", { metadata: { name: "fast" }, storage_provisioner: "ebs.csi.aws.com", parameters: { type: "gp3" }, allow_volume_expansion: true }) as Json;
    expect(sc).toMatchObject({ provisioner: "ebs.csi.aws.com", parameters: { type: "gp3" }, allowVolumeExpansion: true });
  });
});
