import * as fc from "fast-check";
import { NetworkPolicies, NetworkPoliciesProps } from "../../lib/network/network-policies";
import { badBool, badDnsLabel, badPort, bool, dnsLabel, fuzz, garbage, optional, port, required, tagged, Tagged } from "./support";

const selector = fc.constantFrom({ app: "api" }, { "app.kubernetes.io/name": "postgres", tier: "db" }, {});
const badSelector = fc.constantFrom<unknown>({ "bad key!": "x" }, { app: "-x" }, { app: "a".repeat(64) }, ["app"], "app=api", { app: 5 });
const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ podSelector: selector, namespace: dnsLabel }),
  fc.record({ cidr: fc.constantFrom("10.0.0.0/8", "192.168.1.0/24", "fd00::/8") }),
);
const badPeer = fc.oneof(
  badSelector.map((podSelector) => ({ podSelector })),
  fc.constantFrom<unknown>({ cidr: "10.0.0.0" }, { cidr: "300.0.0.0/8" }, { cidr: "10.0.0.0/8", namespace: "x" }, { namespace: "Bad" }, null, "pod"),
);
const flowPort = fc.record({ port, protocol: fc.constantFrom(undefined, "TCP", "UDP") }, { requiredKeys: ["port"] });
const badFlowPort = fc.oneof(badPort.map((p) => ({ port: p })), fc.constantFrom<unknown>({ port: 80, protocol: "SCTP" }, { port: 80, protocol: "tcp" }, null, 80));

/** One flow, valid or broken in one place. Local ends keep at least one end in the namespace. */
const flow: fc.Arbitrary<Tagged> = fc
  .record({
    name: fc.oneof({ arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,6}[a-z0-9]$/).map((v) => ({ v, ok: true })), weight: 10 }, { arbitrary: fc.oneof(badDnsLabel, fc.constant("f".repeat(56)), garbage).map((v) => ({ v, ok: false })), weight: 1 }),
    from: fc.oneof({ arbitrary: peer.map((v) => ({ v, ok: true })), weight: 10 }, { arbitrary: badPeer.map((v) => ({ v, ok: false })), weight: 1 }),
    to: fc.oneof({ arbitrary: fc.record({ podSelector: selector }).map((v) => ({ v, ok: true })), weight: 10 }, { arbitrary: badPeer.map((v) => ({ v, ok: false })), weight: 1 }),
    ports: fc.oneof(
      { arbitrary: fc.array(flowPort, { minLength: 1, maxLength: 2 }).map((v) => ({ v, ok: true })), weight: 10 },
      { arbitrary: fc.oneof(fc.constant([]), fc.array(badFlowPort, { minLength: 1, maxLength: 1 }), garbage).map((v) => ({ v, ok: false })), weight: 1 },
    ),
  })
  .map((f) => ({
    value: { name: f.name.v, from: f.from.v, to: f.to.v, ports: f.ports.v },
    kind: f.name.ok && f.from.ok && f.to.ok && f.ports.ok ? ("ok" as const) : ("bad" as const),
  }));

const flows: fc.Arbitrary<Tagged> = fc.oneof(
  { arbitrary: fc.constant<Tagged>({ value: undefined, kind: "ok" }), weight: 2 },
  {
    arbitrary: fc.array(flow, { maxLength: 4 }).map<Tagged>((fs) => ({ value: fs.map((f) => f.value), kind: fs.some((f) => f.kind === "bad") ? "bad" : "ok" })),
    weight: 8,
  },
  { arbitrary: fc.constantFrom<unknown>("flows", {}, 5).map<Tagged>((value) => ({ value, kind: "bad" })), weight: 1 },
);

export const networkPoliciesProps = tagged<NetworkPoliciesProps>({
  namespace: required(dnsLabel, badDnsLabel),
  defaultDeny: optional(bool, badBool, 1, false),
  allowDns: optional(bool, badBool, 1, false),
  flows,
});

describe("NetworkPolicies fuzz", () => {
  it("synthesizes clean JSON or throws ReadystackConfigError naming the field (1000 prop sets)", () => {
    const counts = fuzz(networkPoliciesProps, (stack, props) => new NetworkPolicies(stack, "netpol", props), {
      // Two flows with the same name; a flow whose ends are both outside the namespace.
      relational: ["flows"],
    });
    expect(counts.synthesized).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(50);
  });
});
