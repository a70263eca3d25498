import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { Testing, TerraformLocal, TerraformStack } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { parse } from "yaml";
import { HttpsIngress, HttpsIngressProps } from "../../../lib/ingress/https-ingress";
import { LETSENCRYPT_SERVERS } from "../../../lib/ingress/acme";
import { MANIFESTS_CHART, manifestsChartDir } from "../../../lib/ingress/manifests-chart";
import { CHARTS } from "../../../lib/versions";

type Json = Record<string, any>;

const BASE: HttpsIngressProps = {
  namespace: "shop",
  hosts: ["api.example.com", "www.example.com"],
  backend: { serviceName: "api", servicePort: 8080 },
  acmeEmail: "ops@example.com",
};

/** `stack.toTerraform()` keeps the `//` metadata blocks (Testing.synth drops them). */
function json(stack: TerraformStack): Json {
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

function synth(props: Partial<HttpsIngressProps> = {}): Json {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new HttpsIngress(stack, "web", { ...BASE, ...props });
  Testing.synth(stack); // must synthesize cleanly too
  return json(stack);
}

function only(json: Json, type: string): Json {
  const all = json.resource[type] ?? {};
  const keys = Object.keys(all);
  expect(keys).toHaveLength(1);
  return all[keys[0]];
}

function releases(json: Json): Json[] {
  return Object.values(json.resource.helm_release ?? {});
}

function release(json: Json, chart: string): Json {
  const r = releases(json).find((x) => x.chart === chart);
  expect(r).toBeDefined();
  return r!;
}

function values(r: Json): Json {
  expect(r.values).toHaveLength(1);
  return parse(r.values[0]);
}

/** The helm_release of the local readystack-manifests chart that carries the ClusterIssuer. */
function issuerRelease(json: Json): Json {
  const r = releases(json).filter((x) => String(x.chart).startsWith("./assets/"));
  expect(r).toHaveLength(1);
  return r[0];
}

/** The ClusterIssuer object inside that release's values. */
function issuerObject(json: Json): Json {
  const objects = values(issuerRelease(json)).objects;
  expect(objects).toHaveLength(1);
  return objects[0];
}

function build(props: Partial<HttpsIngressProps>): () => HttpsIngress {
  return () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    return new HttpsIngress(stack, "web", { ...BASE, ...props } as HttpsIngressProps);
  };
}

describe("HttpsIngress with defaults (cert-manager + Traefik)", () => {
  const json = synth();
  const ingress = only(json, "kubernetes_ingress_v1");
  const issuer = issuerRelease(json);

  test("charts are pinned to the versions in CHARTS, never latest", () => {
    expect(releases(json)).toHaveLength(3);
    for (const [key, chart] of [["certManager", "cert-manager"], ["traefik", "traefik"]] as const) {
      const r = release(json, chart);
      expect(r.repository).toBe(CHARTS[key].repository);
      expect(r.version).toBe(CHARTS[key].version);
      expect(r.version).toMatch(/^v?\d+\.\d+\.\d+$/);
      expect(r.atomic).toBe(true);
      expect(r.wait).toBe(true);
      expect(r.create_namespace).toBe(true);
    }
    expect(release(json, "cert-manager").namespace).toBe("cert-manager");
    expect(release(json, "traefik").namespace).toBe("traefik");
  });

  test("cert-manager installs CRDs with the current key and runs locked down with resources", () => {
    const cm = values(release(json, "cert-manager"));
    expect(cm.crds).toEqual({ enabled: true, keep: true });
    expect(cm.installCRDs).toBeUndefined();
    for (const part of [cm, cm.webhook, cm.cainjector, cm.startupapicheck]) {
      expect(part.resources.requests.cpu).toBeDefined();
      expect(part.resources.limits.memory).toBeDefined();
      expect(part.securityContext.runAsNonRoot).toBe(true);
      expect(part.containerSecurityContext.readOnlyRootFilesystem).toBe(true);
      expect(part.containerSecurityContext.capabilities.drop).toEqual(["ALL"]);
    }
    expect(release(json, "cert-manager")["//"].readystack.component).toBe("cert-manager");
    expect(release(json, "traefik")["//"].readystack.component).toBe("ingress-controller");
  });

  test("Traefik redirects web to websecure permanently, below the ACME solver's priority", () => {
    const t = values(release(json, "traefik"));
    expect(t.ports.web.http.redirections.entryPoint).toEqual({ to: "websecure", scheme: "https", permanent: true, priority: 10 });
    expect(t.ports.web.redirections).toBeUndefined(); // the pre-39 key: Traefik chart 41's schema rejects it
    expect(t.ports.web.redirectTo).toBeUndefined();
    expect(t.ports.websecure).toEqual({ http: { tls: { enabled: true } } });
    expect(t.service.type).toBe("LoadBalancer");
    expect(t.ingressClass).toEqual({ enabled: true, isDefaultClass: false, name: "traefik" });
    expect(t.deployment.replicas).toBe(2);
    expect(t.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
    expect(t.resources.limits).toEqual({ cpu: "1", memory: "512Mi" });
    expect(t.podSecurityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    expect(t.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(t.providers.kubernetesCRD.allowCrossNamespace).toBe(false);
  });

  test("HSTS middleware is rendered by extraObjects into the Ingress namespace and attached to the Ingress", () => {
    const t = values(release(json, "traefik"));
    expect(t.extraObjects).toHaveLength(1);
    const mw = t.extraObjects[0];
    expect(mw.apiVersion).toBe("traefik.io/v1alpha1");
    expect(mw.kind).toBe("Middleware");
    expect(mw.metadata).toMatchObject({ name: "web-hsts", namespace: "shop" });
    expect(mw.spec.headers).toEqual({ stsSeconds: 31536000, stsIncludeSubdomains: true, stsPreload: false });
    const a = ingress.metadata.annotations;
    expect(a["traefik.ingress.kubernetes.io/router.middlewares"]).toBe("shop-web-hsts@kubernetescrd");
    expect(a["traefik.ingress.kubernetes.io/router.entrypoints"]).toBe("websecure");
    expect(a["traefik.ingress.kubernetes.io/router.tls"]).toBe("true");
  });

  test("no kubernetes_manifest: nothing in the plan needs a CRD that only the apply installs", () => {
    expect(json.resource.kubernetes_manifest).toBeUndefined();
  });

  test("ClusterIssuer uses Let's Encrypt production with HTTP-01 through the traefik class, after cert-manager", () => {
    const m = issuerObject(json);
    expect(m.apiVersion).toBe("cert-manager.io/v1");
    expect(m.kind).toBe("ClusterIssuer");
    expect(m.metadata.name).toBe("letsencrypt-production");
    expect(m.spec.acme.server).toBe("https://acme-v02.api.letsencrypt.org/directory");
    expect(m.spec.acme.email).toBe("ops@example.com");
    expect(m.spec.acme.privateKeySecretRef.name).toBe("letsencrypt-production-account-key");
    expect(m.spec.acme.solvers).toEqual([{ http01: { ingress: { ingressClassName: "traefik" } } }]);
    expect(m.metadata.labels).toMatchObject({ "app.kubernetes.io/component": "cluster-issuer", "app.kubernetes.io/managed-by": "Helm" });
    expect(issuer.depends_on).toEqual([`helm_release.${Object.keys(json.resource.helm_release).find((k) => json.resource.helm_release[k].chart === "cert-manager")}`]);
    expect(issuer["//"].readystack).toMatchObject({ component: "cluster-issuer", clusterIssuer: "letsencrypt-production", acmeServer: "production" });
  });

  test("the issuer is a release of the local readystack-manifests chart, copied as an asset relative to the stack directory", () => {
    expect(issuer.name).toBe("letsencrypt-production");
    expect(issuer.namespace).toBe("cert-manager");
    expect(issuer.chart).toMatch(/^\.\/assets\/[A-Za-z0-9_-]+\/[0-9A-F]{32}$/);
    expect(issuer.chart).not.toContain(process.cwd());
    expect(issuer.repository).toBeUndefined();
    expect(issuer.version).toBe(MANIFESTS_CHART.version);
    expect(issuer).toMatchObject({ atomic: true, wait: true, cleanup_on_fail: true });
    // Same content, same path: cdk.tf.json stays deterministic across synths.
    expect(issuerRelease(synth()).chart).toBe(issuer.chart);
  });

  test("Ingress has TLS for every host, the issuer annotation, class, Prefix paths and dependencies", () => {
    expect(ingress.metadata).toMatchObject({ name: "web", namespace: "shop" });
    expect(ingress.metadata.labels["app.kubernetes.io/component"]).toBe("ingress");
    expect(ingress.metadata.annotations["cert-manager.io/cluster-issuer"]).toBe("letsencrypt-production");
    expect(ingress.spec.ingress_class_name).toBe("traefik");
    expect(ingress.spec.tls).toEqual([{ hosts: ["api.example.com", "www.example.com"], secret_name: "web-tls" }]);
    expect(ingress.spec.rule.map((r: Json) => r.host)).toEqual(["api.example.com", "www.example.com"]);
    expect(ingress.spec.rule[0].http.path).toEqual([
      { path: "/", path_type: "Prefix", backend: { service: { name: "api", port: { number: 8080 } } } },
    ]);
    expect(ingress.depends_on).toEqual(expect.arrayContaining([`helm_release.${Object.keys(json.resource.helm_release).find((k) => k.includes("cluster-issuer"))}`]));
    expect(ingress.depends_on).toHaveLength(3); // issuer, Traefik and cert-manager releases
    expect(ingress["//"].readystack).toMatchObject({ component: "ingress", redirect: "traefik-entrypoint", hsts: true, tlsHosts: ["api.example.com", "www.example.com"] });
  });
});

describe("HttpsIngress options", () => {
  test("staging issuer maps to the staging directory and default name", () => {
    const json = synth({ acmeServer: "staging" });
    const m = issuerObject(json);
    expect(m.spec.acme.server).toBe(LETSENCRYPT_SERVERS.staging);
    expect(m.spec.acme.server).toBe("https://acme-staging-v02.api.letsencrypt.org/directory");
    expect(m.metadata.name).toBe("letsencrypt-staging");
    expect(only(json, "kubernetes_ingress_v1").metadata.annotations["cert-manager.io/cluster-issuer"]).toBe("letsencrypt-staging");
  });

  test("existing controller installs nothing and records redirect/HSTS as external", () => {
    const json = synth({ controller: { kind: "existing", ingressClassName: "nginx-internal" }, installCertManager: false });
    expect(releases(json).map((r) => r.name)).toEqual(["letsencrypt-production"]);
    const ingress = only(json, "kubernetes_ingress_v1");
    expect(ingress.spec.ingress_class_name).toBe("nginx-internal");
    expect(ingress.metadata.annotations["traefik.ingress.kubernetes.io/router.middlewares"]).toBeUndefined();
    expect(ingress["//"].readystack).toMatchObject({ redirect: "external", hsts: "external" });
    expect(issuerObject(json).spec.acme.solvers[0].http01.ingress.ingressClassName).toBe("nginx-internal");
    expect(issuerRelease(json).depends_on).toBeUndefined();
  });

  test("createClusterIssuer false leaves the issuer release out (issuer managed elsewhere)", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    const ing = new HttpsIngress(stack, "web", { ...BASE, createClusterIssuer: false });
    const out = json(stack);
    expect(out.resource.kubernetes_manifest).toBeUndefined();
    expect(releases(out).map((r) => r.chart)).toEqual(["cert-manager", "traefik"]);
    expect(ing.clusterIssuerRelease).toBeUndefined();
    expect(only(out, "kubernetes_ingress_v1").metadata.annotations["cert-manager.io/cluster-issuer"]).toBe("letsencrypt-production");
  });

  test("custom paths, secret, replicas and a token service name", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    const ing = new HttpsIngress(stack, "web", {
      ...BASE,
      name: "public",
      paths: ["/api", "/healthz"],
      tlsSecretName: "public-cert",
      backend: { serviceName: new TerraformLocal(stack, "svc", "api-svc").asString, servicePort: 80 },
      controller: { kind: "traefik", replicas: 1, hsts: { maxAgeSeconds: 600 } },
      controllerNamespace: "edge",
    });
    const out = json(stack);
    const ingress = only(out, "kubernetes_ingress_v1");
    expect(ingress.spec.tls[0].secret_name).toBe("public-cert");
    expect(ingress.spec.rule[0].http.path.map((p: Json) => p.path)).toEqual(["/api", "/healthz"]);
    expect(ingress.spec.rule[0].http.path[0].backend.service.name).toBe("${local.svc}");
    const t = values(release(out, "traefik"));
    expect(t.deployment.replicas).toBe(1);
    expect(t.podDisruptionBudget.enabled).toBe(false);
    expect(t.extraObjects[0].spec.headers.stsSeconds).toBe(600);
    expect(ing.controllerNamespace).toBe("edge");
    expect(ing.controllerPodSelector).toEqual({ "app.kubernetes.io/name": "traefik", "app.kubernetes.io/instance": "traefik-edge" });
    expect(ing.acmeSolverPodSelector).toEqual({ "acme.cert-manager.io/http01-solver": "true" });
    expect(ing.acmeSolverPort).toBe(8089);
  });
});

describe("the readystack-manifests chart", () => {
  const dir = manifestsChartDir();

  test("Chart.yaml names the chart and the version the release pins; the template renders every object", () => {
    const chart = parse(readFileSync(join(dir, "Chart.yaml"), "utf8"));
    expect(chart).toMatchObject({ apiVersion: "v2", name: MANIFESTS_CHART.name, version: MANIFESTS_CHART.version, type: "application" });
    expect(readFileSync(join(dir, "templates", "objects.yaml"), "utf8")).toBe("{{- range .Values.objects }}\n---\n{{ toYaml . }}\n{{- end }}\n");
  });

  test("a full synth copies the chart into the stack directory at the path the release names", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new HelmProvider(stack, "helm", {});
    new KubernetesProvider(stack, "kubernetes", {});
    new HttpsIngress(stack, "web", BASE);
    const outdir = Testing.fullSynth(stack);
    const chart = issuerRelease(JSON.parse(readFileSync(join(outdir, "stacks", "test", "cdk.tf.json"), "utf8"))).chart as string;
    const copied = join(outdir, "stacks", "test", chart);
    expect(readFileSync(join(copied, "Chart.yaml"), "utf8")).toBe(readFileSync(join(dir, "Chart.yaml"), "utf8"));
    expect(existsSync(join(copied, "templates", "objects.yaml"))).toBe(true);
  });

  test("the ACME e-mail stays literal in the values (Terraform template sequences escaped)", () => {
    const json = synth({ acmeEmail: "a${b}c@example.com" });
    expect(issuerRelease(json).values[0]).toContain("a$${b}c@example.com");
  });
});

describe("HttpsIngress rejects bad props", () => {
  test("bad hostname", () => {
    expect(build({ hosts: ["Bad_Host"] })).toThrow(/test\/web: invalid hosts\[0\] "Bad_Host"; expected a lower-case DNS hostname/);
  });
  test("duplicate hostname", () => {
    expect(build({ hosts: ["a.example.com", "b.example.com", "a.example.com"] })).toThrow(
      /invalid hosts\[2\] "a\.example\.com"; expected a hostname not already listed \(duplicate of hosts\[0\]\)/,
    );
  });
  test("empty hosts", () => {
    expect(build({ hosts: [] })).toThrow(/invalid hosts \[\]; expected a non-empty list of hostnames/);
  });
  test("bad e-mail", () => {
    expect(build({ acmeEmail: "ops-at-example" })).toThrow(/invalid acmeEmail "ops-at-example"; expected an e-mail address/);
  });
  test("bad ACME server", () => {
    expect(build({ acmeServer: "prod" as never })).toThrow(/invalid acmeServer "prod"; expected one of "staging", "production"/);
  });
  test("bad service port and name", () => {
    expect(build({ backend: { serviceName: "api", servicePort: 0 } })).toThrow(/invalid backend\.servicePort 0/);
    expect(build({ backend: { serviceName: "API", servicePort: 80 } })).toThrow(/invalid backend\.serviceName "API"/);
  });
  test("controllerNamespace with an existing controller is a conflict", () => {
    expect(build({ controller: { kind: "existing", ingressClassName: "nginx" }, controllerNamespace: "traefik" })).toThrow(
      /invalid controllerNamespace "traefik"; expected no controllerNamespace when controller.kind is "existing"/,
    );
  });
  test("issuerName: a Helm release name (at most 53 characters), not cert-manager's own release name", () => {
    expect(build({ issuerName: "x".repeat(54) })).toThrow(/invalid issuerName "x{54}"/);
    expect(build({ issuerName: "cert-manager" })).toThrow(/invalid issuerName "cert-manager"; expected a name other than "cert-manager"/);
    expect(build({ issuerName: "cert-manager", installCertManager: false })).not.toThrow();
  });
  test("bad path and bad resources", () => {
    expect(build({ paths: ["api"] })).toThrow(/invalid paths\[0\] "api"/);
    expect(build({ controller: { kind: "traefik", resources: { memoryLimit: "lots" } } })).toThrow(/invalid controller\.resources\.memoryLimit "lots"/);
  });
});
