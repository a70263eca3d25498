import { NetworkPolicyV1, NetworkPolicyV1Spec, NetworkPolicyV1SpecEgressTo, NetworkPolicyV1SpecIngressFrom } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { standardLabels } from "../k8s/labels";
import { COMPONENTS, setReadystackMetadata } from "../k8s/metadata";
import { PropValidator } from "../k8s/validate";
import type { NetworkFlow, NetworkPoliciesProps, PodPeer } from "./network-policies-props";

export type { FlowPort, NetworkFlow, NetworkPoliciesProps, PodPeer } from "./network-policies-props";

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const IPV4_CIDR = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/(3[0-2]|[12]?\d)$/;
const IPV6_CIDR = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/;

/** True when `value` is an IPv4 or IPv6 range in CIDR form (e.g. `10.0.0.0/8`, `::/0`). */
export function isCidr(value: unknown): value is string {
  return typeof value === "string" && (IPV4_CIDR.test(value) || IPV6_CIDR.test(value));
}

/** A peer after validation: either an IP block or pods (with an optional foreign namespace). */
interface ResolvedPeer {
  readonly cidr?: string;
  readonly podSelector?: Record<string, string>;
  /** Set only for a namespace other than the policies' own. */
  readonly foreignNamespace?: string;
}

/**
 * NetworkPolicies for one namespace, declared as flows: a default deny for all pods, DNS egress, and
 * for each flow an ingress policy on the receiving pods and an egress policy on the sending pods
 * (each only when those pods live in this namespace). Nothing else is open.
 */
export class NetworkPolicies extends Construct {
  public readonly namespace: string;
  public readonly defaultDeny: boolean;
  public readonly allowDns: boolean;
  public readonly flows: NetworkFlow[];
  /** Every policy created, in creation order (default deny, DNS, then per flow ingress before egress). */
  public readonly policies: NetworkPolicyV1[] = [];
  /** The default-deny policy (absent with `defaultDeny: false`). */
  public readonly defaultDenyPolicy?: NetworkPolicyV1;
  /** The DNS egress policy (absent with `allowDns: false`). */
  public readonly dnsPolicy?: NetworkPolicyV1;

  private readonly v: PropValidator;

  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    const v = (this.v = new PropValidator(this));
    if (props === null || typeof props !== "object") v.fail("props", props, "a NetworkPoliciesProps object");
    this.namespace = v.dnsLabel("namespace", props.namespace);
    this.defaultDeny = v.bool("defaultDeny", props.defaultDeny ?? true);
    this.allowDns = v.bool("allowDns", props.allowDns ?? true);
    const flows = props.flows ?? [];
    if (!Array.isArray(flows)) v.fail("flows", flows, "an array of NetworkFlow");
    this.flows = flows;

    const seen = new Set<string>();
    const resolved = flows.map((flow, i) => {
      const field = `flows[${i}]`;
      if (flow === null || typeof flow !== "object") v.fail(field, flow, "a NetworkFlow object");
      // "-ingress" is 8 characters; the policy name must stay a DNS label.
      const name = v.dnsLabel(`${field}.name`, flow.name, 63 - "-ingress".length);
      if (seen.has(name)) v.fail(`${field}.name`, name, "a flow name not used by another flow");
      seen.add(name);
      const from = this.resolvePeer(`${field}.from`, flow.from);
      const to = this.resolvePeer(`${field}.to`, flow.to);
      if (!Array.isArray(flow.ports) || flow.ports.length === 0) {
        v.fail(`${field}.ports`, flow.ports, "a non-empty list of { port, protocol? } (an empty list would allow every port)");
      }
      const ports = flow.ports.map((p, j) => ({
        port: String(v.port(`${field}.ports[${j}].port`, p?.port)),
        protocol: v.oneOf(`${field}.ports[${j}].protocol`, p.protocol ?? "TCP", ["TCP", "UDP"] as const),
      }));
      if (!isLocal(from) && !isLocal(to)) {
        v.fail(`${field}`, { from: flow.from, to: flow.to }, `a flow with at least one end (from or to) among pods of namespace "${this.namespace}"`);
      }
      return { name, from, to, ports };
    });

    if (this.defaultDeny) {
      this.defaultDenyPolicy = this.policy("default-deny", "default-deny", {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
      });
    }
    if (this.allowDns) {
      this.dnsPolicy = this.policy("allow-dns", "allow-dns", {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
              },
            ],
            ports: [
              { port: "53", protocol: "UDP" },
              { port: "53", protocol: "TCP" },
            ],
          },
        ],
      });
    }
    for (const flow of resolved) {
      if (isLocal(flow.to)) {
        this.policy(`${flow.name}-ingress`, `${flow.name}-ingress`, {
          podSelector: { matchLabels: flow.to.podSelector },
          policyTypes: ["Ingress"],
          ingress: [{ from: [peerBlock(flow.from)], ports: flow.ports }],
        });
      }
      if (isLocal(flow.from)) {
        this.policy(`${flow.name}-egress`, `${flow.name}-egress`, {
          podSelector: { matchLabels: flow.from.podSelector },
          policyTypes: ["Egress"],
          egress: [{ to: [peerBlock(flow.to)], ports: flow.ports }],
        });
      }
    }
  }

  private policy(id: string, name: string, spec: NetworkPolicyV1Spec): NetworkPolicyV1 {
    const policy = new NetworkPolicyV1(this, id, {
      metadata: {
        name,
        namespace: this.namespace,
        labels: standardLabels({ name: "network-policy", instance: name, component: COMPONENTS.networkPolicy }),
      },
      spec,
    });
    setReadystackMetadata(policy, "component", COMPONENTS.networkPolicy);
    this.policies.push(policy);
    return policy;
  }

  private resolvePeer(field: string, peer: PodPeer): ResolvedPeer {
    const v = this.v;
    if (peer === null || typeof peer !== "object") v.fail(field, peer, "a PodPeer object { podSelector?, namespace?, cidr? }");
    if (peer.cidr !== undefined) {
      if (peer.podSelector !== undefined || peer.namespace !== undefined) {
        v.fail(field, peer, "either cidr or podSelector/namespace, not both");
      }
      if (!isCidr(peer.cidr)) {
        v.fail(`${field}.cidr`, peer.cidr, 'an IP range in CIDR form such as "10.0.0.0/8"');
      }
      return { cidr: peer.cidr };
    }
    if (peer.podSelector !== undefined) {
      if (peer.podSelector === null || typeof peer.podSelector !== "object" || Array.isArray(peer.podSelector)) {
        v.fail(`${field}.podSelector`, peer.podSelector, "a map of label keys to label values");
      }
      for (const [key, value] of Object.entries(peer.podSelector)) {
        if (!LABEL_KEY.test(key) || key.length > 316) v.fail(`${field}.podSelector`, key, "label keys such as \"app.kubernetes.io/name\"");
        // A Terraform reference is checked by Kubernetes at apply time.
        if (!Token.isUnresolved(value)) v.labelValue(`${field}.podSelector["${key}"]`, value);
      }
    }
    let foreignNamespace: string | undefined;
    if (peer.namespace !== undefined) {
      // A namespace given as a Terraform reference (e.g. a Helm release's namespace) counts as another namespace.
      if (!Token.isUnresolved(peer.namespace)) v.dnsLabel(`${field}.namespace`, peer.namespace);
      if (peer.namespace !== this.namespace) foreignNamespace = peer.namespace;
    }
    return { podSelector: peer.podSelector ?? {}, foreignNamespace };
  }
}

/** Pods of the policies' own namespace (not an IP range, not another namespace). */
function isLocal(peer: ResolvedPeer): boolean {
  return peer.cidr === undefined && peer.foreignNamespace === undefined;
}

/** The from/to block for a peer. Pod and namespace selectors in ONE block: both must match (AND). */
function peerBlock(peer: ResolvedPeer): NetworkPolicyV1SpecIngressFrom & NetworkPolicyV1SpecEgressTo {
  if (peer.cidr !== undefined) return { ipBlock: { cidr: peer.cidr } };
  if (peer.foreignNamespace !== undefined) {
    return {
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": peer.foreignNamespace } },
      podSelector: { matchLabels: peer.podSelector },
    };
  }
  return { podSelector: { matchLabels: peer.podSelector } };
}
