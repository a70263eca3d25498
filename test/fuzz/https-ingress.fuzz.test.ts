import * as fc from "fast-check";
import { HttpsIngress, HttpsIngressProps } from "../../lib/ingress/https-ingress";
import {
  badBool, badDnsLabel, badHostname, badPort, bool, dnsLabel, fuzz, garbage, hostname, nested, optional, port, required, resourcesProp, tagged, Tagged,
} from "./support";

const hosts: fc.Arbitrary<Tagged> = fc.oneof(
  { arbitrary: fc.uniqueArray(hostname, { minLength: 1, maxLength: 3 }).map<Tagged>((value) => ({ value, kind: "ok" })), weight: 10 },
  {
    arbitrary: fc
      .oneof(fc.constantFrom<unknown>([], ["api.example.com", "api.example.com"], "api.example.com"), badHostname.map((h) => ["ok.example.com", h]), garbage)
      .map<Tagged>((value) => ({ value, kind: "bad" })),
    weight: 2,
  },
);
const backend: fc.Arbitrary<Tagged> = fc.oneof(
  { arbitrary: fc.record({ serviceName: dnsLabel, servicePort: port }).map<Tagged>((value) => ({ value, kind: "ok" })), weight: 10 },
  {
    arbitrary: fc
      .oneof(badDnsLabel.map((serviceName) => ({ serviceName, servicePort: 80 })), badPort.map((servicePort) => ({ serviceName: "api", servicePort })), fc.constantFrom<unknown>(undefined, null, "api:80"))
      .map<Tagged>((value) => ({ value, kind: "bad" })),
    weight: 2,
  },
);
const controller: fc.Arbitrary<Tagged> = fc.oneof(
  { arbitrary: fc.constant<Tagged>({ value: undefined, kind: "ok" }), weight: 6 },
  {
    arbitrary: tagged<Record<string, unknown>>({
      kind: fc.constant<Tagged>({ value: "traefik", kind: "ok" }),
      replicas: optional(fc.integer({ min: 1, max: 20 }), fc.constantFrom<unknown>(0, 21, 1.5)),
      resources: resourcesProp,
      hsts: nested({
        maxAgeSeconds: optional(fc.integer({ min: 31536000, max: 63072000 }), fc.constantFrom<unknown>(-1, 1.5, "1y")),
        includeSubdomains: optional(fc.constant(true), badBool, 1, false),
        preload: optional(bool, badBool, 1, false),
      }),
    }).map<Tagged>((g) => ({ value: g.props, kind: g.bad.length ? "bad" : g.lenient.length ? "lenient" : "ok" })),
    weight: 6,
  },
  { arbitrary: fc.constantFrom<Tagged>({ value: { kind: "existing", ingressClassName: "nginx" }, kind: "ok" }, { value: { kind: "existing" }, kind: "bad" }, { value: { kind: "nginx" }, kind: "bad" }, { value: "traefik", kind: "bad" }), weight: 2 },
);

export const httpsIngressProps = tagged<HttpsIngressProps>({
  namespace: required(dnsLabel, badDnsLabel),
  name: optional(dnsLabel, badDnsLabel),
  hosts,
  backend,
  paths: optional(fc.constantFrom(["/"], ["/api", "/v1/"]), fc.constantFrom<unknown>([], ["api"], ["/", "/"], "/")),
  acmeEmail: required(fc.constantFrom("ops@example.com", "a.b+c@x.io"), fc.constantFrom("", "ops", "ops@", "@x.com", "ops@example")),
  acmeServer: optional(fc.constantFrom("staging", "production"), fc.constantFrom("prod", "STAGING")),
  issuerName: optional(dnsLabel, badDnsLabel),
  tlsSecretName: optional(fc.oneof(dnsLabel, fc.constant("a".repeat(64))), fc.constantFrom("", "TLS", "-x", "a_b", "a".repeat(254))),
  installCertManager: optional(bool, badBool, 0.5, false),
  certManagerNamespace: optional(dnsLabel, badDnsLabel),
  certManagerResources: resourcesProp,
  controller,
  controllerNamespace: optional(dnsLabel, badDnsLabel, 0.5),
  createClusterIssuer: optional(bool, badBool, 1, false),
  annotations: optional(fc.constantFrom({}, { "example.com/x": "y" }, { team: "${web}" }), fc.constantFrom<unknown>(["a"], "a=b", { a: 5 }, { "bad key": "x" }), 1, false),
} as never);

const base = { namespace: "app", hosts: ["api.example.com"], backend: { serviceName: "api", servicePort: 80 }, acmeEmail: "ops@example.com" };

describe("HttpsIngress fuzz", () => {
  it("synthesizes clean JSON or throws ReadystackConfigError naming the field (1000 prop sets)", () => {
    const counts = fuzz(httpsIngressProps, (stack, props) => new HttpsIngress(stack, "ingress", props as HttpsIngressProps), {
      // certManagerResources only when installing cert-manager; controllerNamespace only with Traefik.
      relational: ["certManagerResources", "controllerNamespace"],
      examples: [
        // seed -1813424318: hsts "x" was spread into the defaults and ignored.
        { props: { ...base, controller: { kind: "traefik", hsts: "x" } }, bad: ["controller"], lenient: [] },
        // seed -728911689: annotations ["a"] became annotation "0".
        { props: { ...base, annotations: ["a"] }, bad: ["annotations"], lenient: [] },
        { props: { ...base, annotations: { team: "${web}" } }, bad: [], lenient: [] },
      ] as never,
    });
    expect(counts.synthesized).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(50);
  });
});
