/**
 * Secure-by-default security contexts. The shapes are structural, so the same object fits the
 * container/pod types of Deployment, StatefulSet, Job and CronJob in @cdktf/provider-kubernetes.
 */

/** Container security context fields readystack sets (a structural subset of the provider's types). */
export interface ContainerSecurityContext {
  readonly runAsNonRoot: boolean;
  readonly runAsUser: string;
  readonly runAsGroup: string;
  readonly allowPrivilegeEscalation: boolean;
  readonly privileged: boolean;
  readonly readOnlyRootFilesystem: boolean;
  readonly capabilities: { readonly drop: string[] };
  readonly seccompProfile: { readonly type: string };
}

/** Pod security context fields readystack sets. */
export interface PodSecurityContext {
  readonly runAsNonRoot: boolean;
  readonly runAsUser: string;
  readonly runAsGroup: string;
  readonly fsGroup: string;
  readonly fsGroupChangePolicy: string;
  readonly seccompProfile: { readonly type: string };
}

/**
 * Container security context: non-root with an explicit UID, no privilege escalation, not privileged,
 * read-only root filesystem, all capabilities dropped, seccomp RuntimeDefault.
 */
export function secureContainerSecurityContext(uid: number, gid: number = uid): ContainerSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: String(uid),
    runAsGroup: String(gid),
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Pod security context: non-root with an explicit UID/GID, volumes owned by the GID, seccomp RuntimeDefault. */
export function securePodSecurityContext(uid: number, gid: number = uid): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: String(uid),
    runAsGroup: String(gid),
    fsGroup: String(gid),
    fsGroupChangePolicy: "OnRootMismatch",
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/**
 * A hardened container security context as a plain Kubernetes (camelCase) object, for Helm chart values:
 * no privilege escalation, not privileged, read-only root filesystem, all capabilities dropped, seccomp
 * RuntimeDefault. The user is left to the pod (or to {@link helmContainerSecurityContext}).
 */
export function helmHardenedContainer(): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** {@link helmHardenedContainer} running as a fixed non-root UID/GID, for Helm chart values. */
export function helmContainerSecurityContext(uid: number, gid: number = uid): Record<string, unknown> {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, ...helmHardenedContainer() };
}
