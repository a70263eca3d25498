import { DEPENDENCY_NAMES, workloadDependencies, type Dependency } from "../dependencies";
import {
  asList, findingOn, first, namespaceOfObject, nameOfObject, labelsOf, objectLabel, readSelector, records, selectPods,
  selectorMatches, staticString, unique, workloads, type JsonObject, type LabelSelector, type ModelObject, type Workload,
} from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** One peer of a from/to list. */
interface Peer {
  /** Pod selector; undefined when absent (all pods of the selected namespaces). */
  readonly pods?: LabelSelector;
  /** Namespace selector; undefined when absent (the policy's own namespace). */
  readonly namespaces?: LabelSelector;
  /** An ipBlock that covers every address (0.0.0.0/0, ::/0); other ipBlocks match no pod we can know. */
  readonly anyIp?: boolean;
  readonly ipBlock?: boolean;
}

/** One port entry: port undefined = every port of the protocol. */
interface PolicyPort {
  readonly protocol: string;
  readonly port?: string;
  readonly endPort?: number;
}

/** One ingress/egress rule: `undefined` peers or ports mean "all". */
interface PolicyRule {
  readonly peers?: Peer[];
  readonly ports?: PolicyPort[];
}

interface Policy {
  readonly model: ModelObject;
  readonly namespace: string;
  readonly types: Set<string>;
  readonly ingress: PolicyRule[];
  readonly egress: PolicyRule[];
}

/** A port of the data pods: number and/or container port name. */
interface DataPort {
  readonly number?: number;
  readonly name?: string;
}

function readPeer(ctx: RuleContext, p: JsonObject): Peer {
  const pods = p.podSelector;
  const nss = p.namespaceSelector;
  const ip = first(p.ipBlock);
  const cidr = ip ? staticString(ctx, ip.cidr) : undefined;
  return {
    ...(pods !== undefined && pods !== null ? { pods: readSelector(ctx, pods) } : {}),
    ...(nss !== undefined && nss !== null ? { namespaces: readSelector(ctx, nss) } : {}),
    ...(ip ? { ipBlock: true, anyIp: (cidr === "0.0.0.0/0" || cidr === "::/0") && asList(ip.except).length === 0 } : {}),
  };
}

function readRules(ctx: RuleContext, list: unknown, peerKey: "from" | "to"): PolicyRule[] {
  return records(list).map((r) => {
    const peers = records(r[peerKey]);
    const ports = records(r.ports);
    return {
      ...(peers.length > 0 ? { peers: peers.map((p) => readPeer(ctx, p)) } : {}),
      ...(ports.length > 0
        ? {
            ports: ports.map((p) => {
              const port = staticString(ctx, p.port);
              const end = Number(staticString(ctx, p.endPort));
              return {
                protocol: (staticString(ctx, p.protocol) ?? "TCP").toUpperCase(),
                ...(port !== undefined && port !== "" ? { port } : {}),
                ...(Number.isFinite(end) && end > 0 ? { endPort: end } : {}),
              };
            }),
          }
        : {}),
    };
  });
}

function readPolicy(ctx: RuleContext, model: ModelObject): Policy & { selector: LabelSelector } {
  const s = first(model.object.spec) ?? {};
  const egressRaw = s.egress;
  const declared = asList(s.policyTypes).map((t) => staticString(ctx, t)).filter((t): t is string => t !== undefined);
  // Kubernetes' default when policyTypes is unset: Ingress, plus Egress when egress rules are present.
  const types = new Set(declared.length > 0 ? declared : ["Ingress", ...(records(egressRaw).length > 0 ? ["Egress"] : [])]);
  return {
    model,
    namespace: namespaceOfObject(ctx, model),
    selector: readSelector(ctx, s.podSelector),
    types,
    ingress: readRules(ctx, s.ingress, "from"),
    egress: readRules(ctx, egressRaw, "to"),
  };
}

/** Every NetworkPolicy of the model, with the workloads each selects for each direction. */
function policyIndex(ctx: RuleContext): { egressOf: Map<string, Policy[]>; ingressOf: Map<string, Policy[]> } {
  const egressOf = new Map<string, Policy[]>();
  const ingressOf = new Map<string, Policy[]>();
  const push = (m: Map<string, Policy[]>, k: string, p: Policy): void => {
    const l = m.get(k);
    if (l) l.push(p);
    else m.set(k, [p]);
  };
  for (const o of ctx.objectsOfKind("NetworkPolicy")) {
    const p = readPolicy(ctx, o);
    for (const w of selectPods(ctx, p.namespace, p.selector)) {
      if (p.types.has("Egress")) push(egressOf, w.key, p);
      if (p.types.has("Ingress")) push(ingressOf, w.key, p);
    }
  }
  return { egressOf, ingressOf };
}

/** Labels of each namespace: `kubernetes.io/metadata.name` plus those of its Namespace object. */
function namespaceLabels(ctx: RuleContext): (ns: string) => Record<string, string> {
  const byName = new Map<string, Record<string, string>>();
  for (const o of ctx.objectsOfKind("Namespace")) {
    const name = nameOfObject(ctx, o);
    if (name !== undefined) byName.set(name, labelsOf(ctx, o));
  }
  return (ns) => ({ ...(byName.get(ns) ?? {}), "kubernetes.io/metadata.name": ns });
}

function peerMatches(peer: Peer, policyNs: string, w: Workload, nsLabels: (ns: string) => Record<string, string>): boolean {
  if (peer.ipBlock) return peer.anyIp === true;
  if (peer.pods === undefined && peer.namespaces === undefined) return false;
  const nsOk = peer.namespaces ? selectorMatches(peer.namespaces, nsLabels(w.namespace)) : w.namespace === policyNs;
  return nsOk && (peer.pods === undefined || selectorMatches(peer.pods, w.podLabels));
}

function portAllows(p: PolicyPort, target: DataPort): boolean {
  if (p.protocol !== "TCP") return false;
  if (p.port === undefined) return true;
  if (/^\d+$/.test(p.port)) {
    const n = Number(p.port);
    return target.number !== undefined && (target.number === n || (p.endPort !== undefined && target.number >= n && target.number <= p.endPort));
  }
  return target.name !== undefined && target.name === p.port;
}

function ruleAllows(r: PolicyRule, policyNs: string, peer: Workload, ports: DataPort[], nsLabels: (ns: string) => Record<string, string>): boolean {
  const peerOk = r.peers === undefined || r.peers.some((p) => peerMatches(p, policyNs, peer, nsLabels));
  const portOk = r.ports === undefined || ports.length === 0 || r.ports.some((p) => ports.some((t) => portAllows(p, t)));
  return peerOk && portOk;
}

/** The ports the Service sends to on the data pods (target ports, names resolved through the containers' ports). */
function dataPorts(dep: Dependency, target: Workload): DataPort[] {
  const declared = target.containers.flatMap((c) =>
    records(c.body.ports).map((p) => ({ number: Number(p.containerPort), name: typeof p.name === "string" ? p.name : undefined })),
  );
  const out: DataPort[] = [];
  for (const sp of dep.service?.ports ?? []) {
    const tp = sp.targetPort;
    let d: DataPort;
    if (tp !== undefined && !/^\d+$/.test(tp)) {
      const c = declared.find((p) => p.name === tp);
      d = { name: tp, ...(c && Number.isFinite(c.number) ? { number: c.number } : {}) };
    } else {
      const n = tp !== undefined ? Number(tp) : sp.port;
      const c = declared.find((p) => p.number === n);
      d = { ...(n !== undefined ? { number: n } : {}), ...(c?.name !== undefined ? { name: c.name } : {}) };
    }
    out.push(d);
  }
  return out;
}

function showPorts(ports: DataPort[]): string {
  if (ports.length === 0) return "its port";
  return ports.map((p) => (p.number !== undefined && p.name !== undefined ? `${p.number} ("${p.name}")` : p.number ?? `"${p.name}"`)).join(" or ");
}

/** RS-NETPOL-DEPENDENCY-PATHS: where NetworkPolicies restrict traffic, each Postgres/Redis client can still reach its data pods. */
export const netpolDependencyPathsRule: Rule = {
  id: "RS-NETPOL-DEPENDENCY-PATHS",
  criterion: "startup",
  level: "mandatory",
  title: "Where NetworkPolicies restrict traffic, every workload can reach the Postgres/Redis it needs",
  rationale:
    "A default-deny policy blocks everything not explicitly allowed. Without an egress allow on the client and an ingress " +
    "allow on the database, the migration Job or the API never reaches Postgres/Redis: the stack does not start, and " +
    "nothing fails until apply time.",
  remediation:
    "Allow each dependency path in both directions: an egress rule on a NetworkPolicy selecting the client pods to the " +
    "data pods on the data port, and an ingress rule on a NetworkPolicy selecting the data pods from the client pods " +
    "(NetworkPolicies flows create both).",
  check(ctx: RuleContext): RuleOutcome {
    const findings = [];
    const evidence: string[] = [];
    let index: ReturnType<typeof policyIndex> | undefined;
    let nsLabels: ReturnType<typeof namespaceLabels> | undefined;
    let anyPath = false;
    for (const client of workloads(ctx)) {
      const deps = workloadDependencies(ctx, client).filter((d) => d.targets.length > 0);
      if (deps.length === 0) continue;
      anyPath = true;
      index ??= policyIndex(ctx);
      nsLabels ??= namespaceLabels(ctx);
      let ok = true;
      for (const dep of deps) {
        for (const target of dep.targets) {
          if (target === client) continue;
          const ports = dataPorts(dep, target);
          const egress = index.egressOf.get(client.key) ?? [];
          const ingress = index.ingressOf.get(target.key) ?? [];
          const egressBy = egress.find((p) => p.egress.some((r) => ruleAllows(r, p.namespace, target, ports, nsLabels!)));
          const ingressBy = ingress.find((p) => p.ingress.some((r) => ruleAllows(r, p.namespace, client, ports, nsLabels!)));
          const problems: string[] = [];
          if (egress.length > 0 && !egressBy) {
            problems.push(`no egress rule of a policy selecting ${client.at}'s pods allows it (egress restricted by ${egress.map((p) => objectLabel(p.model)).join(", ")})`);
          }
          if (ingress.length > 0 && !ingressBy) {
            problems.push(`no ingress rule of a policy selecting ${target.at}'s pods allows it (ingress restricted by ${ingress.map((p) => objectLabel(p.model)).join(", ")})`);
          }
          if (egressBy) evidence.push(objectLabel(egressBy.model));
          if (ingressBy) evidence.push(objectLabel(ingressBy.model));
          if (problems.length === 0) continue;
          ok = false;
          const name = DEPENDENCY_NAMES[dep.kind];
          const where = showPorts(ports);
          findings.push(findingOn(client.model,
            `${client.at} needs ${name} (${dep.via}) but NetworkPolicies block its traffic to ${target.at} on port ${where}: ${problems.join("; ")}.`,
            `Allow ${client.at} → ${target.at} on port ${where}: an egress rule (to the ${name} pods) on a NetworkPolicy selecting ${client.at}'s pods and an ingress rule (from the client pods) on one selecting ${target.at}'s pods.`));
        }
      }
      if (ok) evidence.push(client.at);
    }
    // Without a workload that needs Postgres or Redis of the stack there is no dependency path to check.
    return anyPath ? { findings, evidence: unique(evidence) } : { findings, evidence: [], applicable: false };
  },
};
