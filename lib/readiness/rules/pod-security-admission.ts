import { findingAt, first, helmReleases, isRecord, isTrue, staticString } from "../k8s-model";
import type { ModelObject } from "../model/object";
import { POD_KINDS, PSA_ENFORCE_LABEL, psaLevel, psaViolations, type PsaLevel } from "../schema/pod-security";
import type { ResourceView, Rule, RuleContext, RuleOutcome } from "../types";

/** A namespace the stack creates, wherever it comes from. */
interface StackNamespace {
  readonly name: string;
  /** `pod-security.kubernetes.io/enforce` as written, when set. */
  readonly enforce?: unknown;
  readonly resource: ResourceView;
  readonly objectRef?: string;
  /** How it is created, for messages. */
  readonly how: string;
}

type Finding = RuleOutcome["findings"][number];

const NAMESPACE_TYPES = ["kubernetes_namespace_v1", "kubernetes_namespace"];

/** Namespaces from the model (any origin), from Terraform namespace resources, and implied by create_namespace. */
function stackNamespaces(ctx: RuleContext): Map<string, StackNamespace> {
  const out = new Map<string, StackNamespace>();
  const modelAddresses = new Set<string>();
  for (const o of ctx.objectsOfKind("Namespace")) {
    const name = staticString(ctx, o.object.metadata.name);
    if (name === undefined) continue;
    modelAddresses.add(o.address);
    const labels = o.object.metadata.labels ?? {};
    out.set(name, {
      name,
      enforce: labels[PSA_ENFORCE_LABEL],
      resource: o.resource,
      ...(o.objectRef !== undefined ? { objectRef: o.objectRef } : {}),
      how: o.objectRef !== undefined ? `${o.address} ${o.objectRef}` : o.address,
    });
  }
  // Terraform namespace resources the model does not (yet) hold.
  for (const type of NAMESPACE_TYPES) {
    for (const r of ctx.byType(type)) {
      if (modelAddresses.has(r.address)) continue;
      const meta = first(r.body.metadata);
      const name = staticString(ctx, meta?.name);
      if (name === undefined || out.has(name)) continue;
      const labels = isRecord(meta?.labels) ? meta.labels : {};
      out.set(name, { name, enforce: labels[PSA_ENFORCE_LABEL], resource: r, how: r.address });
    }
  }
  for (const rel of helmReleases(ctx)) {
    if (!isTrue(rel.resource.body.create_namespace) || out.has(rel.namespace)) continue;
    out.set(rel.namespace, { name: rel.namespace, resource: rel.resource, how: `${rel.resource.address} (create_namespace)` });
  }
  return out;
}

/** The namespace an object is applied to. */
function namespaceOf(ctx: RuleContext, o: ModelObject): string | undefined {
  const ns = o.object.metadata.namespace;
  if (ns === undefined || ns === "") return "default";
  return staticString(ctx, ns);
}

function objectFinding(o: ModelObject, message: string, remediation?: string): Finding {
  const base = findingAt(o.resource, message, remediation);
  return o.objectRef !== undefined ? { ...base, objectRef: o.objectRef } : base;
}

/** RS-POD-SECURITY-ADMISSION: namespaces enforce a Pod Security level, and their pods pass it. */
export const podSecurityAdmissionRule: Rule = {
  id: "RS-POD-SECURITY-ADMISSION",
  criterion: "security",
  level: "mandatory",
  title: "Every namespace the stack creates enforces Pod Security (restricted unless waived) and its pods pass it",
  rationale:
    "Without `pod-security.kubernetes.io/enforce` a namespace admits privileged, host-namespace and root pods " +
    "unchecked; with it, a pod the level rejects fails at apply time, after half the stack is deployed.",
  remediation:
    "Label the namespace `pod-security.kubernetes.io/enforce: restricted` (create it as a kubernetes_namespace_v1 " +
    "rather than with create_namespace), and give its pods runAsNonRoot, allowPrivilegeEscalation false, " +
    "capabilities drop ALL and seccomp RuntimeDefault. A lower level needs a waiver giving the reason.",
  check(ctx: RuleContext): RuleOutcome {
    const findings: Finding[] = [];
    const evidence: string[] = [];
    const namespaces = stackNamespaces(ctx);
    const levels = new Map<string, PsaLevel>();
    for (const ns of namespaces.values()) {
      const at = (message: string, remediation?: string): Finding => {
        const base = findingAt(ns.resource, message, remediation);
        return ns.objectRef !== undefined ? { ...base, objectRef: ns.objectRef } : base;
      };
      if (ns.enforce === undefined) {
        findings.push(at(`namespace "${ns.name}" (${ns.how}) has no ${PSA_ENFORCE_LABEL} label, so every pod is admitted unchecked`));
        continue;
      }
      const value = staticString(ctx, ns.enforce);
      const level = psaLevel(value);
      if (level === undefined) {
        findings.push(at(`namespace "${ns.name}" (${ns.how}): ${PSA_ENFORCE_LABEL} = ${JSON.stringify(ns.enforce)} is not one of privileged, baseline, restricted`));
        continue;
      }
      levels.set(ns.name, level);
      if (level === "restricted") evidence.push(ns.resource.address);
    }
    // Pods against their namespace's level; pods in namespaces the stack does not create are not judged here.
    const needsLower = new Map<string, string[]>();
    for (const kind of POD_KINDS) {
      for (const o of ctx.objectsOfKind(kind)) {
        const nsName = namespaceOf(ctx, o);
        if (nsName === undefined) continue;
        const level = levels.get(nsName);
        if (level === undefined) continue;
        const ref = o.objectRef ?? `${o.object.kind}/${nsName}/${o.object.metadata.name ?? "(unnamed)"}`;
        if (level !== "restricted" && psaViolations(o.object, "restricted").length > 0) {
          needsLower.set(nsName, [...(needsLower.get(nsName) ?? []), ref]);
        }
        const violations = psaViolations(o.object, level);
        if (violations.length === 0) {
          evidence.push(o.address);
          continue;
        }
        const shown = violations.slice(0, 4).map((v) => `${v.control} (${v.path}: ${v.detail})`);
        if (violations.length > 4) shown.push(`${violations.length - 4} more`);
        findings.push(
          objectFinding(
            o,
            `${o.address} ${ref}: namespace "${nsName}" enforces ${level}, which rejects this pod at apply time: ${shown.join("; ")}`,
          ),
        );
      }
    }
    for (const ns of namespaces.values()) {
      const level = levels.get(ns.name);
      if (level === undefined || level === "restricted") continue;
      const pods = needsLower.get(ns.name) ?? [];
      const why =
        pods.length > 0
          ? `its pods ${pods.slice(0, 3).join(", ")}${pods.length > 3 ? ` and ${pods.length - 3} more` : ""} need more than restricted allows: waive RS-POD-SECURITY-ADMISSION on it with the reason`
          : "none of its pods the stack shows needs more: raise it to restricted";
      const base = findingAt(ns.resource, `namespace "${ns.name}" (${ns.how}) enforces ${level}, below restricted; ${why}`);
      findings.push(ns.objectRef !== undefined ? { ...base, objectRef: ns.objectRef } : base);
    }
    return { findings, evidence: [...new Set(evidence)] };
  },
};
