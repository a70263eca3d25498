import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { NetworkFlow, NetworkPolicies, NetworkPoliciesProps } from "../../../lib/network/network-policies";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const api = { "app.kubernetes.io/name": "api", "app.kubernetes.io/component": "api" };
const pg = { "app.kubernetes.io/name": "postgres", "app.kubernetes.io/component": "database" };
const controller = { "app.kubernetes.io/name": "traefik" };

function build(props: Partial<NetworkPoliciesProps>): { stack: TerraformStack; np: NetworkPolicies } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const np = new NetworkPolicies(stack, "np", { namespace: "shop", ...props });
  return { stack, np };
}

/** Policies keyed by their Kubernetes name. */
function policies(props: Partial<NetworkPoliciesProps>): Record<string, Json> {
  const { stack } = build(props);
  const json = JSON.parse(Testing.synth(stack));
  const out: Record<string, Json> = {};
  for (const p of Object.values<Json>(json.resource.kubernetes_network_policy_v1 ?? {})) {
    expect(p.metadata.namespace).toBe("shop");
    out[p.metadata.name] = p.spec;
  }
  return out;
}

const flows: NetworkFlow[] = [
  { name: "api-to-postgres", from: { podSelector: api }, to: { podSelector: pg }, ports: [{ port: 5432 }] },
  { name: "controller-to-api", from: { namespace: "ingress", podSelector: controller }, to: { podSelector: api }, ports: [{ port: 8080 }] },
  { name: "api-to-bank", from: { podSelector: api }, to: { cidr: "203.0.113.0/24" }, ports: [{ port: 443 }, { port: 4500, protocol: "UDP" }] },
];

describe("NetworkPolicies", () => {
  test("defaults: one default deny (no rules) and DNS egress only", () => {
    const p = policies({});
    expect(Object.keys(p).sort()).toEqual(["allow-dns", "default-deny"]);
    expect(p["default-deny"]).toEqual({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
    expect(p["allow-dns"]).toEqual({
      pod_selector: {},
      policy_types: ["Egress"],
      egress: [
        {
          to: [
            {
              namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } },
              pod_selector: { match_labels: { "k8s-app": "kube-dns" } },
            },
          ],
          ports: [
            { port: "53", protocol: "UDP" },
            { port: "53", protocol: "TCP" },
          ],
        },
      ],
    });
  });

  test("each flow opens exactly its ingress on the target and egress on the source", () => {
    const p = policies({ flows });
    expect(Object.keys(p).sort()).toEqual([
      "allow-dns",
      "api-to-bank-egress",
      "api-to-postgres-egress",
      "api-to-postgres-ingress",
      "controller-to-api-ingress",
      "default-deny",
    ]);
    expect(p["api-to-postgres-ingress"]).toEqual({
      pod_selector: { match_labels: pg },
      policy_types: ["Ingress"],
      ingress: [{ from: [{ pod_selector: { match_labels: api } }], ports: [{ port: "5432", protocol: "TCP" }] }],
    });
    expect(p["api-to-postgres-egress"]).toEqual({
      pod_selector: { match_labels: api },
      policy_types: ["Egress"],
      egress: [{ to: [{ pod_selector: { match_labels: pg } }], ports: [{ port: "5432", protocol: "TCP" }] }],
    });
    // Source in another namespace: namespace AND pod selector in one peer; no egress policy here.
    expect(p["controller-to-api-ingress"]).toEqual({
      pod_selector: { match_labels: api },
      policy_types: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "ingress" } },
              pod_selector: { match_labels: controller },
            },
          ],
          ports: [{ port: "8080", protocol: "TCP" }],
        },
      ],
    });
    // Target is an IP range: only the egress side exists.
    expect(p["api-to-bank-egress"]).toEqual({
      pod_selector: { match_labels: api },
      policy_types: ["Egress"],
      egress: [
        {
          to: [{ ip_block: { cidr: "203.0.113.0/24" } }],
          ports: [
            { port: "443", protocol: "TCP" },
            { port: "4500", protocol: "UDP" },
          ],
        },
      ],
    });
  });

  test("nothing else is open: every rule has explicit peers and ports", () => {
    const p = policies({ flows });
    for (const [name, spec] of Object.entries(p)) {
      for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
        expect(rule.ports?.length).toBeGreaterThan(0);
        const peers = rule.from ?? rule.to;
        expect(peers?.length).toBeGreaterThan(0);
        for (const peer of peers) expect(Object.keys(peer).length).toBeGreaterThan(0);
      }
      if (name !== "default-deny" && name !== "allow-dns") expect(spec.policy_types).toHaveLength(1);
    }
  });

  test("the policies' own namespace named explicitly counts as local", () => {
    const p = policies({ flows: [{ name: "a-to-b", from: { namespace: "shop", podSelector: api }, to: { podSelector: pg }, ports: [{ port: 1 }] }] });
    expect(p["a-to-b-egress"]).toBeDefined();
    expect(p["a-to-b-ingress"].ingress[0].from).toEqual([{ pod_selector: { match_labels: api } }]);
  });

  test("Terraform references are accepted as namespace and label values", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    const ns = new TerraformVariable(stack, "controller_ns", { type: "string" }).stringValue;
    const name = new TerraformVariable(stack, "controller_name", { type: "string" }).stringValue;
    new NetworkPolicies(stack, "np", { namespace: "shop", flows: [{ name: "ref", from: { namespace: ns, podSelector: { app: name } }, to: { podSelector: api }, ports: [{ port: 80 }] }] });
    const json = JSON.parse(Testing.synth(stack));
    const byName = Object.fromEntries(Object.values<Json>(json.resource.kubernetes_network_policy_v1).map((p) => [p.metadata.name, p.spec]));
    const peer = byName["ref-ingress"].ingress[0].from[0];
    expect(peer.namespace_selector.match_labels["kubernetes.io/metadata.name"]).toBe("${var.controller_ns}");
    expect(peer.pod_selector.match_labels.app).toBe("${var.controller_name}");
    expect(byName["ref-egress"]).toBeUndefined();
  });

  test("defaultDeny and allowDns can be turned off; fields and component metadata", () => {
    const { stack, np } = build({ defaultDeny: false, allowDns: false, flows: [flows[0]] });
    expect(np.defaultDenyPolicy).toBeUndefined();
    expect(np.dnsPolicy).toBeUndefined();
    expect(np.policies).toHaveLength(2);
    const raw: Json = stack.toTerraform();
    for (const p of Object.values<Json>(raw.resource.kubernetes_network_policy_v1)) {
      expect(p["//"].readystack.component).toBe("network-policy");
    }
    const { np: all } = build({ flows });
    expect(all.defaultDenyPolicy).toBe(all.policies[0]);
    expect(all.policies).toHaveLength(6);
  });

  test.each<[Partial<NetworkPoliciesProps>, RegExp]>([
    [{ namespace: "Shop" }, /invalid namespace "Shop"/],
    [{ flows: [{ ...flows[0], name: "API" }] }, /invalid flows\[0\].name "API"/],
    [{ flows: [{ ...flows[0], name: "x".repeat(56) }] }, /invalid flows\[0\].name "x+"; expected a DNS-1123 label.*at most 55/],
    [{ flows: [flows[0], flows[0]] }, /invalid flows\[1\].name "api-to-postgres"; expected a flow name not used/],
    [{ flows: [{ ...flows[0], ports: [] }] }, /invalid flows\[0\].ports \[\]; expected a non-empty list/],
    [{ flows: [{ ...flows[0], ports: [{ port: 70000 }] }] }, /invalid flows\[0\].ports\[0\].port 70000/],
    [{ flows: [{ ...flows[0], ports: [{ port: 53, protocol: "SCTP" as never }] }] }, /invalid flows\[0\].ports\[0\].protocol "SCTP"/],
    [{ flows: [{ ...flows[0], to: { cidr: "10.0.0.0/33" } }] }, /invalid flows\[0\].to.cidr "10.0.0.0\/33"/],
    [{ flows: [{ ...flows[0], to: { cidr: "10.0.0.0/8", podSelector: pg } }] }, /invalid flows\[0\].to .*either cidr or podSelector\/namespace/],
    [{ flows: [{ ...flows[0], from: { namespace: "x" }, to: { namespace: "y" } }] }, /invalid flows\[0\] .*at least one end/],
    [{ flows: [{ ...flows[0], from: { podSelector: { app: "bad value!" } } }] }, /invalid flows\[0\].from.podSelector\["app"\] "bad value!"/],
  ])("rejects bad props (case %#)", (props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
