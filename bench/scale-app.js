"use strict";
/**
 * Scale benchmark app: the reference ReadyStack (one API, Postgres, Redis, ingress, logs, readiness on,
 * strict) plus N-1 more ApiServices, each with its own HPA and PDB (ApiService defaults), its own HTTPS
 * ingress rule (an HttpsIngress on the stack's Traefik and ClusterIssuer) and its own NetworkPolicy flows
 * (controller → api, api → postgres, api → redis). Readiness.check (attached by ReadyStack) runs the
 * engine during synth; the engine's own time is measured around runReadiness.
 *
 * Usage: node bench/scale-app.js <N> <outdir>   → prints one JSON line on stdout (scorecard output is muted).
 * Plain JS over ../dist, so `npm run build` must have run.
 */
const { performance } = require("perf_hooks");
const t0 = performance.now();
const path = require("path");
const dist = path.join(__dirname, "..", "dist");
const { App } = require("cdktf");
const engine = require(path.join(dist, "lib/readiness/engine"));
const { buildReferenceStack, referenceProps } = require(path.join(dist, "stacks/reference"));
const { ApiService } = require(path.join(dist, "lib/api/api-service"));
const { HttpsIngress } = require(path.join(dist, "lib/ingress/https-ingress"));
const { NetworkPolicies } = require(path.join(dist, "lib/network/network-policies"));
const tLoaded = performance.now();

const n = Number(process.argv[2] ?? "1");
const outdir = process.argv[3];
if (!Number.isInteger(n) || n < 1 || !outdir) {
  process.stderr.write("usage: node bench/scale-app.js <N >= 1> <outdir>\n");
  process.exit(2);
}

// Time the engine itself: readiness.js calls engine_1.runReadiness through the module's exports object.
let engineMs = 0;
let resources = 0;
let findings = 0;
let passed;
const runReadiness = engine.runReadiness;
engine.runReadiness = (json, options) => {
  const a = performance.now();
  const result = runReadiness(json, options);
  engineMs += performance.now() - a;
  for (const byName of Object.values(json.resource ?? {})) resources += Object.keys(byName).length;
  findings += result.findings?.length ?? 0;
  passed = result.passed;
  return result;
};

const app = new App({ outdir });
const props = referenceProps();
const stack = buildReferenceStack(app, "scale", props);
const ns = props.namespace;
const controller = { namespace: stack.ingress.controllerNamespace, podSelector: stack.ingress.controllerPodSelector };
const pg = stack.postgres.connection;
const redis = stack.redis.connection;
for (let i = 2; i <= n; i++) {
  const name = `api-${i}`;
  const api = new ApiService(stack, name, {
    namespace: ns,
    name,
    image: `ghcr.io/offgridflow/${name}:1.0.${i}`,
    port: 8080,
    database: pg,
    redis,
    waitFor: [stack.migrations.job],
  });
  new HttpsIngress(stack, `ingress-${i}`, {
    namespace: ns,
    name: `${name}-ingress`,
    hosts: [`${name}.offgridflow.example`],
    backend: { serviceName: api.service.metadata.name, servicePort: api.servicePort },
    acmeEmail: props.ingress.acmeEmail,
    acmeServer: props.ingress.acmeServer,
    installCertManager: false,
    createClusterIssuer: false,
    issuerName: stack.ingress.issuerName,
    controller: { kind: "existing", ingressClassName: stack.ingress.ingressClassName },
  });
  new NetworkPolicies(stack, `network-${i}`, {
    namespace: ns,
    defaultDeny: false,
    allowDns: false,
    flows: [
      { name: `controller-to-${name}`, from: controller, to: { podSelector: api.podSelector }, ports: [{ port: api.port }] },
      { name: `${name}-to-postgres`, from: { podSelector: api.podSelector }, to: { podSelector: pg.podSelector }, ports: [{ port: 5432 }] },
      { name: `${name}-to-redis`, from: { podSelector: api.podSelector }, to: { podSelector: redis.podSelector }, ports: [{ port: 6379 }] },
    ],
  });
}
// ReadyStack makes its own resources wait for the namespace; do the same for the ones added here.
for (const child of stack.node.findAll()) {
  const type = child.terraformResourceType;
  if (typeof type !== "string" || !/^(kubernetes_|helm_release)/.test(type) || type === "kubernetes_namespace_v1") continue;
  const deps = child.dependsOn ?? [];
  if (!deps.includes(stack.namespace.fqn)) child.dependsOn = [...deps, stack.namespace.fqn];
}
const tBuilt = performance.now();

const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true; // mute the scorecard
let error;
try {
  app.synth();
} catch (e) {
  error = e.message;
}
const tSynth = performance.now();
process.stdout.write = write;
write(
  JSON.stringify({
    n,
    resources,
    passed,
    findings,
    error: error ? error.split("\n").slice(0, 6).join("\n") : undefined,
    loadMs: tLoaded - t0,
    constructMs: tBuilt - tLoaded,
    synthMs: tSynth - tBuilt,
    engineMs,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }) + "\n",
);
process.exit(error ? 1 : 0);
