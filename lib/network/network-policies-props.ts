/** One end of a flow: pods (in this or another namespace) or an IP range. */
export interface PodPeer {
  /** Labels of the pods. @default - all pods of the peer's namespace */
  readonly podSelector?: Record<string, string>;
  /** Another namespace, matched by its `kubernetes.io/metadata.name` label. @default - the policies' own namespace */
  readonly namespace?: string;
  /** An IP range in CIDR form (e.g. `10.0.0.0/8`); excludes podSelector and namespace. @default - not an IP range */
  readonly cidr?: string;
}

/** A port of a flow. */
export interface FlowPort {
  /** Port number on the receiving pods. */
  readonly port: number;
  /** Protocol. @default "TCP" */
  readonly protocol?: "TCP" | "UDP";
}

/** Traffic allowed from one set of pods to another on given ports. */
export interface NetworkFlow {
  /** Name of the flow (a DNS label); the policies are named `<name>-ingress` and `<name>-egress`. */
  readonly name: string;
  /** Where the connections come from. */
  readonly from: PodPeer;
  /** Where the connections go. */
  readonly to: PodPeer;
  /** Ports the connections may use (at least one: an empty list would open every port). */
  readonly ports: FlowPort[];
}

/** Props of {@link NetworkPolicies}. */
export interface NetworkPoliciesProps {
  /** Namespace the policies live in and protect. */
  readonly namespace: string;
  /** One policy that selects every pod and allows nothing, in or out. @default true */
  readonly defaultDeny?: boolean;
  /** Allow every pod DNS (UDP and TCP 53) to kube-dns in kube-system. @default true */
  readonly allowDns?: boolean;
  /** The traffic to allow. @default [] */
  readonly flows?: NetworkFlow[];
}
