/**
 * Secure defaults of every pod the stack's own workloads create (Deployment, StatefulSet, Job, CronJob),
 * read from the reference stack's synthesized JSON: containers AND init containers.
 */
import { Body, podTemplates, referenceStack } from "./reference-stack";

const { tf } = referenceStack();
const pods = podTemplates(tf);

/** Each container (and init container) of each pod, with the pod it belongs to. */
const containers = pods.flatMap((pod) =>
  [...(pod.spec.container ?? []).map((c: Body) => ["container", c] as const), ...(pod.spec.init_container ?? []).map((c: Body) => ["init container", c] as const)].map(
    ([kind, c]) => ({ label: `${pod.address} ${kind} ${c.name}`, pod, container: c }),
  ),
);

describe("pod security of the reference stack", () => {
  it("covers every workload the stack defines", () => {
    expect(pods.map((p) => p.address.split(".")[0]).sort()).toEqual([
      "kubernetes_cron_job_v1",
      "kubernetes_cron_job_v1",
      "kubernetes_deployment_v1",
      "kubernetes_job_v1",
      "kubernetes_stateful_set_v1",
      "kubernetes_stateful_set_v1",
    ]);
    // the API's wait-for-postgres/redis, migrations' and backup's wait-for-postgres; with off-site copies the
    // backup's dump (then the uploader runs) and the restore-verify's download
    expect(containers.filter((c) => c.label.includes("init container"))).toHaveLength(6);
  });

  it.each(pods.map((p) => [p.address, p] as const))("%s: pod runs as non-root with an explicit UID, seccomp RuntimeDefault, no service account token", (_a, pod) => {
    const sc = pod.spec.security_context;
    expect(sc.run_as_non_root).toBe(true);
    expect(Number(sc.run_as_user)).toBeGreaterThan(0);
    expect(Number(sc.run_as_group)).toBeGreaterThan(0);
    expect(sc.seccomp_profile).toEqual({ type: "RuntimeDefault" });
    expect(pod.spec.automount_service_account_token).toBe(false);
    expect(pod.spec.host_network ?? false).toBe(false);
    expect(pod.spec.host_pid ?? false).toBe(false);
    expect(pod.spec.host_ipc ?? false).toBe(false);
    expect(JSON.stringify(pod.spec.volume ?? [])).not.toContain("host_path");
  });

  it.each(containers.map((c) => [c.label, c] as const))("%s: hardened security context", (_l, { pod, container }) => {
    const sc = container.security_context;
    expect(sc).toBeDefined();
    expect(sc.run_as_non_root).toBe(true);
    // an explicit, non-zero UID on the container (not only inherited), and no root group
    expect(Number(sc.run_as_user)).toBeGreaterThan(0);
    expect(Number(sc.run_as_group)).toBeGreaterThan(0);
    expect(sc.allow_privilege_escalation).toBe(false);
    expect(sc.privileged ?? false).toBe(false);
    expect(sc.read_only_root_filesystem).toBe(true);
    expect(sc.capabilities.drop).toEqual(["ALL"]);
    expect(sc.capabilities.add ?? []).toEqual([]);
    expect(sc.seccomp_profile ?? pod.spec.security_context.seccomp_profile).toEqual({ type: "RuntimeDefault" });
  });

  it.each(containers.map((c) => [c.label, c] as const))("%s: writable paths are emptyDir or data volumes, requests and limits set", (_l, { pod, container }) => {
    const volumes = new Map<string, Body>((pod.spec.volume ?? []).map((v: Body) => [v.name, v]));
    for (const mount of container.volume_mount ?? []) {
      if (mount.read_only) continue;
      const volume = volumes.get(mount.name);
      // a writable mount is scratch (emptyDir), a PVC, or (no pod volume of that name) the StatefulSet's volume claim template
      const kind = volume ? Object.keys(volume).find((k) => k !== "name") : "volume_claim_template";
      expect(["empty_dir", "persistent_volume_claim", "volume_claim_template"]).toContain(kind);
    }
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
  });

  it("the namespace enforces the restricted Pod Security Standard", () => {
    const ns = Object.values(tf.resource.kubernetes_namespace_v1)[0];
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });

  it("the API's ServiceAccount mounts no token", () => {
    for (const sa of Object.values(tf.resource.kubernetes_service_account_v1 ?? {})) {
      expect(sa.automount_service_account_token).toBe(false);
    }
  });
});
