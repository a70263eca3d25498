/**
 * Terraform JSON whose resources are `kubernetes_manifest` (manifest = the Kubernetes API object, camelCase), for
 * tests of rules that read ctx.objects. Small builders for the objects those tests break one field at a time.
 */
import type { Json } from "./fixtures";

export const MNS = "shop";

/** `{ resource: { kubernetes_manifest: { name: { manifest } } } }`, names in the given order. */
export function manifestStack(objects: Record<string, Json>): Json {
  const manifests: Record<string, Json> = {};
  for (const [name, manifest] of Object.entries(objects)) {
    manifests[name] = { "//": { metadata: { path: `test/${name}`, uniqueId: name } }, manifest };
  }
  return { resource: { kubernetes_manifest: manifests } };
}

/** Labels of an app. */
export function appLabels(app: string, component = app): Record<string, string> {
  return { "app.kubernetes.io/name": app, "app.kubernetes.io/component": component };
}

/** A container that passes the security rules. */
export function container(name = "app", extra: Json = {}): Json {
  return {
    name,
    image: "ghcr.io/acme/app:1.2.3",
    ports: [{ name: "http", containerPort: 8080 }],
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
    ...extra,
  };
}

/** A pod spec that passes the security rules. */
export function podSpec(extra: Json = {}): Json {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containers: [container()],
    ...extra,
  };
}

/** A workload object of a kind with `spec.template` (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job). */
export function workload(kind: string, name: string, opts: { labels?: Record<string, string>; spec?: Json; podSpec?: Json; namespace?: string; apiVersion?: string } = {}): Json {
  const l = opts.labels ?? appLabels(name);
  return {
    apiVersion: opts.apiVersion ?? (kind === "Job" ? "batch/v1" : "apps/v1"),
    kind,
    metadata: { name, namespace: opts.namespace ?? MNS, labels: l },
    spec: {
      ...(kind === "Job" ? {} : { selector: { matchLabels: l } }),
      template: { metadata: { labels: l }, spec: podSpec(opts.podSpec) },
      ...(opts.spec ?? {}),
    },
  };
}

/** A Deployment. */
export function deploymentObject(name: string, opts: Parameters<typeof workload>[2] = {}): Json {
  return workload("Deployment", name, opts);
}

/** A CronJob. */
export function cronJobObject(name: string, opts: { labels?: Record<string, string>; spec?: Json; podSpec?: Json } = {}): Json {
  const l = opts.labels ?? appLabels(name);
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name, namespace: MNS, labels: l },
    spec: {
      schedule: "0 3 * * *",
      concurrencyPolicy: "Forbid",
      jobTemplate: { spec: { template: { metadata: { labels: l }, spec: podSpec({ restartPolicy: "Never", ...(opts.podSpec ?? {}) }) } } },
      ...(opts.spec ?? {}),
    },
  };
}

/** A Service selecting `selector`. */
export function serviceObject(name: string, selector: Record<string, string> | undefined, spec: Json = {}, namespace = MNS): Json {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace },
    spec: { ...(selector ? { selector } : {}), ports: [{ name: "http", port: 80, targetPort: "http" }], ...spec },
  };
}
