/**
 * Pod Security Admission: the baseline and restricted profiles of the Kubernetes "Pod Security Standards"
 * (version `latest` as of Kubernetes 1.33), checked on a pod template as the admission controller checks a pod.
 * A value that is a Terraform interpolation is unknown until apply and never counts as a violation.
 */
import { POD_TEMPLATE_PATHS } from "../model/pod-views";
import type { KubeObject } from "../model/object";
import { isInterpolation } from "./paths";

/** The three levels of `pod-security.kubernetes.io/enforce`. */
export type PsaLevel = "privileged" | "baseline" | "restricted";

/** The label that sets a namespace's enforced level. */
export const PSA_ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

/** Levels from most to least permissive. */
export const PSA_LEVELS: readonly PsaLevel[] = ["privileged", "baseline", "restricted"];

/** One control a pod breaks. */
export interface PsaViolation {
  /** The lowest level that forbids it. */
  readonly level: "baseline" | "restricted";
  /** Control name as the standard names it (`Host Namespaces`, `Running as Non-root`). */
  readonly control: string;
  /** Path of the field at fault, e.g. `spec.template.spec.containers[0].securityContext.runAsUser`. */
  readonly path: string;
  /** What is wrong, e.g. `runAsUser = 0`. */
  readonly detail: string;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Whether a value is known (not a Terraform interpolation) and equal to `expected`. */
function known(value: unknown): boolean {
  return value !== undefined && value !== null && !isInterpolation(value);
}

/** Capabilities baseline allows to be added (the container runtime's default set). */
const BASELINE_CAPABILITIES = new Set([
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID",
  "SETPCAP", "SETUID", "SYS_CHROOT",
]);

/** Sysctls baseline allows. */
const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
]);

/** SELinux types baseline allows. */
const SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);

/** Volume types restricted allows. */
const RESTRICTED_VOLUMES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]);

/** Kinds that carry a pod template. */
export const POD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

/** A pod template of an object: its metadata, spec and the path prefix of the spec. */
export interface PodTemplate {
  readonly metadata: Json;
  readonly spec: Json;
  /** e.g. `spec.template.spec`. */
  readonly specPath: string;
}

/** The pod template of a workload object, or undefined for other kinds or a template that is not an object. */
export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  const path = POD_TEMPLATE_PATHS[object.kind];
  if (path === undefined) return undefined;
  let cur: unknown = object;
  for (const key of path) cur = isRecord(cur) ? cur[key] : undefined;
  if (!isRecord(cur) || !isRecord(cur.spec)) return undefined;
  const metadata = isRecord(cur.metadata) ? cur.metadata : {};
  return { metadata, spec: cur.spec, specPath: [...path, "spec"].join(".") };
}

/** Each container of a pod spec with its path. */
function containersOf(spec: Json, specPath: string): { c: Json; path: string }[] {
  const out: { c: Json; path: string }[] = [];
  for (const list of ["initContainers", "containers", "ephemeralContainers"]) {
    records(spec[list]).forEach((c, i) => out.push({ c, path: `${specPath}.${list}[${i}]` }));
  }
  return out;
}

/** The controls a pod template breaks, at or below `level` (`privileged`: none). */
export function psaViolations(object: KubeObject, level: PsaLevel): PsaViolation[] {
  if (level === "privileged") return [];
  const pod = podTemplateOf(object);
  if (!pod) return [];
  const all = [...baselineViolations(pod), ...(level === "restricted" ? restrictedViolations(pod) : [])];
  return all;
}

function baselineViolations(pod: PodTemplate): PsaViolation[] {
  const out: PsaViolation[] = [];
  const v = (control: string, path: string, detail: string): void => {
    out.push({ level: "baseline", control, path, detail });
  };
  const { spec, specPath } = pod;
  const psc = isRecord(spec.securityContext) ? spec.securityContext : {};
  const containers = containersOf(spec, specPath);
  const contexts: { sc: Json; path: string }[] = [
    { sc: psc, path: `${specPath}.securityContext` },
    ...containers.map(({ c, path }) => ({ sc: isRecord(c.securityContext) ? c.securityContext : {}, path: `${path}.securityContext` })),
  ];
  for (const { sc, path } of contexts) {
    const win = isRecord(sc.windowsOptions) ? sc.windowsOptions : {};
    if (win.hostProcess === true) v("HostProcess", `${path}.windowsOptions.hostProcess`, "hostProcess = true");
    const selinux = isRecord(sc.seLinuxOptions) ? sc.seLinuxOptions : undefined;
    if (selinux) {
      if (known(selinux.type) && !SELINUX_TYPES.has(String(selinux.type))) v("SELinux", `${path}.seLinuxOptions.type`, `seLinuxOptions.type = ${JSON.stringify(selinux.type)}`);
      for (const f of ["user", "role"]) {
        if (known(selinux[f]) && selinux[f] !== "") v("SELinux", `${path}.seLinuxOptions.${f}`, `seLinuxOptions.${f} is set`);
      }
    }
    const seccomp = isRecord(sc.seccompProfile) ? sc.seccompProfile : {};
    if (seccomp.type === "Unconfined") v("Seccomp", `${path}.seccompProfile.type`, "seccompProfile.type = Unconfined");
    const apparmor = isRecord(sc.appArmorProfile) ? sc.appArmorProfile : {};
    if (apparmor.type === "Unconfined") v("AppArmor", `${path}.appArmorProfile.type`, "appArmorProfile.type = Unconfined");
  }
  for (const f of ["hostNetwork", "hostPID", "hostIPC"]) {
    if (spec[f] === true) v("Host Namespaces", `${specPath}.${f}`, `${f} = true`);
  }
  for (const { c, path } of containers) {
    const sc = isRecord(c.securityContext) ? c.securityContext : {};
    if (sc.privileged === true) v("Privileged Containers", `${path}.securityContext.privileged`, "privileged = true");
    const caps = isRecord(sc.capabilities) ? sc.capabilities : {};
    for (const cap of Array.isArray(caps.add) ? caps.add : []) {
      if (known(cap) && !BASELINE_CAPABILITIES.has(String(cap))) v("Capabilities", `${path}.securityContext.capabilities.add`, `adds capability ${String(cap)}`);
    }
    if (known(sc.procMount) && sc.procMount !== "Default") v("/proc Mount Type", `${path}.securityContext.procMount`, `procMount = ${String(sc.procMount)}`);
    records(c.ports).forEach((p, i) => {
      if (known(p.hostPort) && p.hostPort !== 0) v("Host Ports", `${path}.ports[${i}].hostPort`, `hostPort = ${String(p.hostPort)}`);
    });
  }
  records(spec.volumes).forEach((vol, i) => {
    if (vol.hostPath !== undefined) v("HostPath Volumes", `${specPath}.volumes[${i}].hostPath`, `volume ${String(vol.name)} is a hostPath`);
  });
  const sysctls = records(psc.sysctls);
  sysctls.forEach((s, i) => {
    if (known(s.name) && !SAFE_SYSCTLS.has(String(s.name))) v("Sysctls", `${specPath}.securityContext.sysctls[${i}].name`, `sysctl ${String(s.name)}`);
  });
  const annotations = isRecord(pod.metadata.annotations) ? pod.metadata.annotations : {};
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith("container.apparmor.security.beta.kubernetes.io/") || !known(value)) continue;
    const profile = String(value);
    if (profile !== "runtime/default" && !profile.startsWith("localhost/")) {
      v("AppArmor", `metadata.annotations["${key}"]`, `AppArmor profile ${profile}`);
    }
  }
  return out;
}

function restrictedViolations(pod: PodTemplate): PsaViolation[] {
  const out: PsaViolation[] = [];
  const v = (control: string, path: string, detail: string): void => {
    out.push({ level: "restricted", control, path, detail });
  };
  const { spec, specPath } = pod;
  const psc = isRecord(spec.securityContext) ? spec.securityContext : {};
  const windows = isRecord(spec.os) && spec.os.name === "windows";
  records(spec.volumes).forEach((vol, i) => {
    const type = Object.keys(vol).find((k) => k !== "name");
    if (type !== undefined && type !== "hostPath" && !RESTRICTED_VOLUMES.has(type)) {
      v("Volume Types", `${specPath}.volumes[${i}].${type}`, `volume ${String(vol.name)} is of type ${type}`);
    }
  });
  const podNonRoot = psc.runAsNonRoot === true || isInterpolation(psc.runAsNonRoot);
  const podSeccomp = isRecord(psc.seccompProfile) ? psc.seccompProfile.type : undefined;
  const seccompOk = (t: unknown): boolean => t === "RuntimeDefault" || t === "Localhost" || isInterpolation(t);
  if (psc.runAsNonRoot === false) v("Running as Non-root", `${specPath}.securityContext.runAsNonRoot`, "runAsNonRoot = false");
  if (psc.runAsUser === 0) v("Running as Non-root user", `${specPath}.securityContext.runAsUser`, "runAsUser = 0");
  for (const { c, path } of containersOf(spec, specPath)) {
    const sc = isRecord(c.securityContext) ? c.securityContext : {};
    const scPath = `${path}.securityContext`;
    if (!windows && sc.allowPrivilegeEscalation !== false && !isInterpolation(sc.allowPrivilegeEscalation)) {
      v("Privilege Escalation", `${scPath}.allowPrivilegeEscalation`, `allowPrivilegeEscalation is ${sc.allowPrivilegeEscalation === undefined ? "unset" : String(sc.allowPrivilegeEscalation)} (must be false)`);
    }
    if (sc.runAsNonRoot === false) v("Running as Non-root", `${scPath}.runAsNonRoot`, "runAsNonRoot = false");
    else if (!podNonRoot && sc.runAsNonRoot !== true && !isInterpolation(sc.runAsNonRoot)) {
      v("Running as Non-root", `${scPath}.runAsNonRoot`, "runAsNonRoot is not true here nor on the pod");
    }
    if (sc.runAsUser === 0) v("Running as Non-root user", `${scPath}.runAsUser`, "runAsUser = 0");
    const own = isRecord(sc.seccompProfile) ? sc.seccompProfile.type : undefined;
    if (!windows) {
      if (own !== undefined ? !seccompOk(own) : !seccompOk(podSeccomp)) {
        v("Seccomp", `${scPath}.seccompProfile.type`, `seccompProfile.type is ${String(own ?? podSeccomp ?? "unset")} (must be RuntimeDefault or Localhost)`);
      }
      const caps = isRecord(sc.capabilities) ? sc.capabilities : {};
      const drop = Array.isArray(caps.drop) ? caps.drop : [];
      if (!drop.includes("ALL") && !drop.some(isInterpolation)) v("Capabilities", `${scPath}.capabilities.drop`, "capabilities.drop does not include ALL");
      for (const cap of Array.isArray(caps.add) ? caps.add : []) {
        if (known(cap) && cap !== "NET_BIND_SERVICE") v("Capabilities", `${scPath}.capabilities.add`, `adds capability ${String(cap)} (only NET_BIND_SERVICE is allowed)`);
      }
    }
  }
  return out;
}

/** The level a namespace label value names, or undefined when it is not one of the three. */
export function psaLevel(value: unknown): PsaLevel | undefined {
  return PSA_LEVELS.find((l) => l === value);
}
