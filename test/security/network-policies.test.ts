/**
 * NetworkPolicies of the reference stack: default deny for ingress and egress, then exactly the paths the
 * stack needs. Every rule of every policy is enumerated and the complete set compared with the expected one.
 */
import { Body, podTemplates, referenceStack } from "./reference-stack";

const { stack, tf } = referenceStack();
const ns = stack.networkPolicies.namespace;
const loggingNs = stack.logging.lokiNamespace;
const allPolicies = Object.entries(tf.resource.kubernetes_network_policy_v1 ?? {}) as [string, Body][];
const policies = allPolicies.filter(([, p]) => p.metadata.namespace === ns);
const loggingPolicies = allPolicies.filter(([, p]) => p.metadata.namespace === loggingNs);
const certManagerNs = stack.certManagerNetworkPolicies!.namespace;
const certManagerPolicies = allPolicies.filter(([, p]) => p.metadata.namespace === certManagerNs);
const controllerNs = stack.controllerNetworkPolicies!.namespace;
const controllerPolicies = allPolicies.filter(([, p]) => p.metadata.namespace === controllerNs);

/** A peer as text: pods (labels) in a namespace, or an IP block. */
function peerText(peer: Body): string {
  if (peer.ip_block) return `cidr:${peer.ip_block.cidr}`;
  const namespace = peer.namespace_selector ? `ns(${JSON.stringify(peer.namespace_selector.match_labels)})` : "ns(own)";
  return `${namespace}/pods(${JSON.stringify(sorted(peer.pod_selector?.match_labels ?? {}))})`;
}
function sorted(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}
const pods = (labels: Record<string, string>) => `ns(own)/pods(${JSON.stringify(sorted(labels))})`;
const podsIn = (namespace: string, labels: Record<string, string>) =>
  `ns(${JSON.stringify({ "kubernetes.io/metadata.name": namespace })})/pods(${JSON.stringify(sorted(labels))})`;

/** Every allowed (selected pods, direction, peer, port) of every policy. */
function allowedEdges(list: [string, Body][] = policies): string[] {
  const edges: string[] = [];
  for (const [name, p] of list) {
    const selected = pods(p.spec.pod_selector?.match_labels ?? {});
    for (const rule of p.spec.ingress ?? []) {
      // an ingress rule without from/ports would allow every source/port: never wanted here
      expect(rule.from?.length).toBeGreaterThan(0);
      expect(rule.ports?.length).toBeGreaterThan(0);
      for (const from of rule.from) for (const port of rule.ports) edges.push(`${selected} <- ${peerText(from)} : ${port.protocol}/${port.port}`);
    }
    for (const rule of p.spec.egress ?? []) {
      expect(rule.to?.length).toBeGreaterThan(0);
      expect(rule.ports?.length).toBeGreaterThan(0);
      for (const to of rule.to) for (const port of rule.ports) edges.push(`${selected} -> ${peerText(to)} : ${port.protocol}/${port.port}`);
    }
    expect(name).toBeTruthy();
  }
  return edges.sort();
}

describe("network policies of the reference stack", () => {
  const api = stack.api.podSelector;
  const postgres = stack.postgres.podSelector;
  const redis = stack.redis.podSelector;
  const migrations = stack.migrations.podSelector;
  const backup = stack.backup.backupPodSelector;
  const controllerNs = stack.ingress.controllerNamespace!;
  const controller = stack.ingress.controllerPodSelector!;
  const solver = stack.ingress.acmeSolverPodSelector;

  it("denies all ingress and egress of every pod in the namespace by default", () => {
    const denies = policies.filter(([, p]) => JSON.stringify(p.spec.pod_selector ?? {}) === "{}" && !p.spec.ingress && !p.spec.egress);
    expect(denies).toHaveLength(1);
    expect([...denies[0][1].spec.policy_types].sort()).toEqual(["Egress", "Ingress"]);
  });

  it("allows exactly the paths the stack needs, and nothing else", () => {
    const expected = [
      // ingress controller → API port, and → cert-manager's HTTP-01 solver
      `${pods(api)} <- ${podsIn(controllerNs, controller)} : TCP/${stack.api.port}`,
      `${pods(solver)} <- ${podsIn(controllerNs, controller)} : TCP/8089`,
      // API → Postgres, Redis
      `${pods(postgres)} <- ${pods(api)} : TCP/5432`,
      `${pods(api)} -> ${pods(postgres)} : TCP/5432`,
      `${pods(redis)} <- ${pods(api)} : TCP/6379`,
      `${pods(api)} -> ${pods(redis)} : TCP/6379`,
      // migrations and backup → Postgres (restore-verify uses a local throwaway server: no Postgres path)
      `${pods(postgres)} <- ${pods(migrations)} : TCP/5432`,
      `${pods(migrations)} -> ${pods(postgres)} : TCP/5432`,
      `${pods(postgres)} <- ${pods(backup)} : TCP/5432`,
      `${pods(backup)} -> ${pods(postgres)} : TCP/5432`,
      // off-site copies: backup uploads and restore-verify downloads, to the object store's port only
      `${pods(backup)} -> cidr:0.0.0.0/0 : TCP/443`,
      `${pods(stack.backup.verifyPodSelector)} -> cidr:0.0.0.0/0 : TCP/443`,
      // DNS for every pod, to kube-dns only
      `${pods({})} -> ${podsIn("kube-system", { "k8s-app": "kube-dns" })} : UDP/53`,
      `${pods({})} -> ${podsIn("kube-system", { "k8s-app": "kube-dns" })} : TCP/53`,
    ].sort();
    expect(allowedEdges()).toEqual(expected);
  });

  it("a policy's policy_types match its rules (an Egress type without rules denies, it never opens)", () => {
    for (const [, p] of policies) {
      if (p.spec.ingress) expect(p.spec.policy_types).toContain("Ingress");
      if (p.spec.egress) expect(p.spec.policy_types).toContain("Egress");
    }
  });

  it("every selector of an allowed path selects real pods of the stack (no policy is a silent no-op)", () => {
    const templates = podTemplates(tf);
    const selects = (labels: Record<string, string>) =>
      templates.filter((t) => Object.entries(labels).every(([k, v]) => t.labels[k] === v)).map((t) => t.address);
    for (const selector of [api, postgres, redis, migrations, backup]) expect(selects(selector)).toHaveLength(1);
    // the restore-verify pods are matched only by the object-store egress (plus DNS): no path to Postgres
    const verify = stack.backup.verifyPodSelector;
    expect(selects(verify)).toHaveLength(1);
    const matching = policies.filter(([, p]) => JSON.stringify(p).includes(verify["app.kubernetes.io/instance"]));
    expect(matching.map(([, p]) => p.metadata.name)).toEqual(["verify-from-object-storage-egress"]);
  });

  it("the controller selector matches the labels the Traefik chart gives its pods (<release>-<namespace> instance)", () => {
    expect(controller).toEqual({ "app.kubernetes.io/name": "traefik", "app.kubernetes.io/instance": `traefik-${controllerNs}` });
  });
});

describe("network policies of the logging namespace", () => {
  const loki = stack.logging.lokiPodSelector;
  const shipper = stack.logging.shipperPodSelector;

  it("has its own default deny, and every policy is in the app, logging, cert-manager or controller namespace", () => {
    expect(loggingNs).not.toBe(ns);
    const denies = loggingPolicies.filter(([, p]) => JSON.stringify(p.spec.pod_selector ?? {}) === "{}" && !p.spec.ingress && !p.spec.egress);
    expect(denies).toHaveLength(1);
    expect(policies.length + loggingPolicies.length + certManagerPolicies.length + controllerPolicies.length).toBe(allPolicies.length);
  });

  it("allows exactly shipper → Loki, Loki ↔ Loki, shipper → the Kubernetes API, and DNS", () => {
    const lokiPorts = [stack.logging.lokiPort, 9095, 7946];
    const expected = [
      `${pods(loki)} <- ${pods(shipper)} : TCP/${stack.logging.lokiPort}`,
      `${pods(shipper)} -> ${pods(loki)} : TCP/${stack.logging.lokiPort}`,
      ...lokiPorts.map((port) => `${pods(loki)} <- ${pods(loki)} : TCP/${port}`),
      ...lokiPorts.map((port) => `${pods(loki)} -> ${pods(loki)} : TCP/${port}`),
      `${pods(shipper)} -> cidr:0.0.0.0/0 : TCP/443`,
      `${pods(shipper)} -> cidr:0.0.0.0/0 : TCP/6443`,
      `${pods({})} -> ${podsIn("kube-system", { "k8s-app": "kube-dns" })} : UDP/53`,
      `${pods({})} -> ${podsIn("kube-system", { "k8s-app": "kube-dns" })} : TCP/53`,
    ].sort();
    expect(allowedEdges(loggingPolicies)).toEqual(expected);
  });

  it("waits for the Loki release, which creates the namespace", () => {
    for (const [, p] of loggingPolicies) expect(p.depends_on).toContain(`helm_release.${stack.logging.lokiRelease.friendlyUniqueId}`);
  });
});

const DNS_EDGES = [
  `${pods({})} -> ${podsIn("kube-system", { "k8s-app": "kube-dns" })} : UDP/53`,
  `${pods({})} -> ${podsIn("kube-system", { "k8s-app": "kube-dns" })} : TCP/53`,
];

describe("network policies of the cert-manager namespace", () => {
  it("has its own default deny and waits for the cert-manager release", () => {
    expect(certManagerNs).toBe("cert-manager");
    const denies = certManagerPolicies.filter(([, p]) => JSON.stringify(p.spec.pod_selector ?? {}) === "{}" && !p.spec.ingress && !p.spec.egress);
    expect(denies).toHaveLength(1);
    for (const [, p] of certManagerPolicies) expect(p.depends_on).toContain(`helm_release.${stack.ingress.certManagerRelease!.friendlyUniqueId}`);
  });

  it("allows exactly the Kubernetes API and ACME out, HTTP-01 self-checks, the webhook in from the API server, and DNS", () => {
    const certManager = { "app.kubernetes.io/instance": "cert-manager" };
    const expected = [
      `${pods(certManager)} -> cidr:0.0.0.0/0 : TCP/443`,
      `${pods(certManager)} -> cidr:0.0.0.0/0 : TCP/6443`,
      `${pods({ ...certManager, "app.kubernetes.io/component": "webhook" })} <- cidr:0.0.0.0/0 : TCP/10250`,
      `${pods({ ...certManager, "app.kubernetes.io/component": "controller" })} -> cidr:0.0.0.0/0 : TCP/80`,
      ...DNS_EDGES,
    ].sort();
    expect(allowedEdges(certManagerPolicies)).toEqual(expected);
  });
});

describe("network policies of the ingress controller namespace", () => {
  const controller = stack.ingress.controllerPodSelector!;

  it("has its own default deny and waits for the controller release", () => {
    expect(controllerNs).toBe(stack.ingress.controllerNamespace);
    const denies = controllerPolicies.filter(([, p]) => JSON.stringify(p.spec.pod_selector ?? {}) === "{}" && !p.spec.ingress && !p.spec.egress);
    expect(denies).toHaveLength(1);
    for (const [, p] of controllerPolicies) expect(p.depends_on).toContain(`helm_release.${stack.ingress.controllerRelease!.friendlyUniqueId}`);
  });

  it("allows exactly HTTP/HTTPS in, the API and the ACME solver in the app namespace, the Kubernetes API, and DNS", () => {
    const expected = [
      `${pods(controller)} <- cidr:0.0.0.0/0 : TCP/8000`,
      `${pods(controller)} <- cidr:0.0.0.0/0 : TCP/8443`,
      `${pods(controller)} -> ${podsIn(ns, stack.api.podSelector)} : TCP/${stack.api.port}`,
      `${pods(controller)} -> ${podsIn(ns, stack.ingress.acmeSolverPodSelector)} : TCP/${stack.ingress.acmeSolverPort}`,
      `${pods(controller)} -> cidr:0.0.0.0/0 : TCP/443`,
      `${pods(controller)} -> cidr:0.0.0.0/0 : TCP/6443`,
      ...DNS_EDGES,
    ].sort();
    expect(allowedEdges(controllerPolicies)).toEqual(expected);
  });
});
