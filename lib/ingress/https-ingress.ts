import { AssetType, TerraformAsset, Token } from "cdktf";
import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import { IngressV1 } from "@cdktf/provider-kubernetes/lib/ingress-v1";
import { helmValues as stringify } from "../k8s/values-cache";
import { standardLabels } from "../k8s/labels";
import { COMPONENTS, setReadystackMetadata, type ReadystackFacts } from "../k8s/metadata";
import { Readiness } from "../readiness/readiness";
import { ContainerResources } from "../k8s/resources";
import { PropValidator } from "../k8s/validate";
import { literalText, terraformLiteral } from "../k8s/terraform-text";
import { CHARTS } from "../versions";
import { ACME_SOLVER_POD_SELECTOR, ACME_SOLVER_PORT, AcmeServer, clusterIssuerManifest } from "./acme";
import { CERT_MANAGER_DEFAULT_RESOURCES, certManagerValues } from "./cert-manager-values";
import { MANIFESTS_CHART, manifestsChartDir } from "./manifests-chart";
import { HstsSettings, hstsMiddleware, traefikPodSelector, traefikValues } from "./traefik-values";
import type { HttpsIngressProps, IngressBackend, IngressControllerChoice } from "./https-ingress-props";

export type { ExistingControllerChoice, HttpsIngressProps, IngressBackend, IngressControllerChoice, TraefikControllerChoice } from "./https-ingress-props";

const DEFAULT_TRAEFIK_RESOURCES: ContainerResources = { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "1", memoryLimit: "512Mi" };
const DEFAULT_HSTS: HstsSettings = { maxAgeSeconds: 31536000, includeSubdomains: true, preload: false };
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const CERT_MANAGER_RELEASE = "cert-manager";
const TRAEFIK_RELEASE = "traefik";
/** Helm release settings shared by every release here (cert-manager, issuer, Traefik): roll back a failed install/upgrade and wait for readiness. */
const RELEASE_BEHAVIOUR = { atomic: true, cleanupOnFail: true, wait: true, timeout: 600, maxHistory: 10, createNamespace: true } as const;

/**
 * HTTPS in front of a Service: cert-manager (Helm) + a Let's Encrypt ACME HTTP-01 ClusterIssuer +
 * Traefik (Helm, LoadBalancer, HTTP→HTTPS redirect, HSTS) + an Ingress v1 with TLS for every host.
 *
 * **One apply.** The ClusterIssuer is not a `kubernetes_manifest` (that resource needs the `ClusterIssuer` CRD
 * at *plan* time, so the first plan on a fresh cluster would fail). It is the only object of a second Helm
 * release of readystack's local chart `readystack-manifests` (lib/ingress/charts/manifests), which cdktf copies
 * into the stack directory as an asset (`assets/<id>/<content hash>`) and which depends on the cert-manager
 * release: Helm maps the kind only at apply, after cert-manager installed its CRDs. (cert-manager's own
 * `extraObjects` cannot carry it: Helm must map every kind of a release before the CRDs of that release exist.)
 *
 * **HSTS.** The Traefik `Middleware` is rendered by the Traefik chart's `extraObjects` into the
 * *Ingress's* namespace, so the router annotation `<namespace>-<middleware>@kubernetescrd` references a
 * same-namespace object and `providers.kubernetesCRD.allowCrossNamespace` stays false. The application
 * namespace must therefore exist before the Traefik release is applied.
 *
 * **Redirect.** Traefik redirects its `web` entrypoint to `websecure` (permanent) at router priority 10,
 * so cert-manager's HTTP-01 solver Ingress still answers on port 80; the application Ingress is bound to
 * `websecure` only (`router.entrypoints: websecure`, `router.tls: "true"`).
 */
export class HttpsIngress extends Construct {
  /** cert-manager Helm release (undefined when installCertManager is false). */
  public readonly certManagerRelease?: Release;
  /** Traefik Helm release (undefined with an existing controller). */
  public readonly controllerRelease?: Release;
  /**
   * Helm release of the local `readystack-manifests` chart that installs the ACME ClusterIssuer (after cert-manager);
   * undefined when createClusterIssuer is false.
   */
  public readonly clusterIssuerRelease?: Release;
  /** The Ingress v1. */
  public readonly ingress: IngressV1;
  /** IngressClass the Ingress uses. */
  public readonly ingressClassName: string;
  /** Name of the ClusterIssuer. */
  public readonly issuerName: string;
  /** Secret holding the certificate. */
  public readonly tlsSecretName: string;
  /** Hosts on the certificate. */
  public readonly hosts: readonly string[];
  /** Labels of the ingress-controller pods (for NetworkPolicies); undefined with an existing controller. */
  public readonly controllerPodSelector?: Readonly<Record<string, string>>;
  /** Namespace of the ingress-controller pods; undefined with an existing controller. */
  public readonly controllerNamespace?: string;
  /** Labels of cert-manager's HTTP-01 solver pods, which run in the Ingress namespace. */
  public readonly acmeSolverPodSelector: Readonly<Record<string, string>> = ACME_SOLVER_POD_SELECTOR;
  /** Port of the solver pods; the controller must reach it during issuance/renewal. */
  public readonly acmeSolverPort: number = ACME_SOLVER_PORT;
  /** Name of the HSTS Middleware (in the Ingress namespace); undefined with an existing controller. */
  public readonly hstsMiddlewareName?: string;

  constructor(scope: Construct, id: string, props: HttpsIngressProps) {
    super(scope, id);
    const v = new PropValidator(this);
    if (props === null || typeof props !== "object") v.fail("props", props, "a HttpsIngressProps object");
    const namespace = v.dnsLabel("namespace", props.namespace);
    const name = v.dnsLabel("name", props.name ?? id);
    const hosts = this.validateHosts(v, props.hosts);
    const paths = this.validatePaths(v, props.paths ?? ["/"]);
    const backend = this.validateBackend(v, props.backend);
    const acmeEmail = props.acmeEmail;
    if (typeof acmeEmail !== "string" || acmeEmail.length > 254 || !EMAIL.test(acmeEmail)) {
      v.fail("acmeEmail", acmeEmail, 'an e-mail address such as "ops@example.com"');
    }
    const acmeServer = v.oneOf<AcmeServer>("acmeServer", props.acmeServer ?? "production", ["staging", "production"]);
    // Also a Helm release name: Helm allows at most 53 characters.
    this.issuerName = v.dnsLabel("issuerName", props.issuerName ?? `letsencrypt-${acmeServer}`, 53);
    this.tlsSecretName = v.dnsLabel("tlsSecretName", props.tlsSecretName ?? `${name}-tls`, 253);
    const installCertManager = v.bool("installCertManager", props.installCertManager ?? true);
    if (!installCertManager && props.certManagerResources !== undefined) {
      v.fail("certManagerResources", props.certManagerResources, "no certManagerResources when installCertManager is false");
    }
    const certManagerNamespace = v.dnsLabel("certManagerNamespace", props.certManagerNamespace ?? "cert-manager");
    const certManagerResources = v.resources("certManagerResources", CERT_MANAGER_DEFAULT_RESOURCES, props.certManagerResources);
    const controller: IngressControllerChoice = props.controller ?? { kind: "traefik" };
    if (!isPlainObject(controller)) v.fail("controller", controller, '{ kind: "traefik", ... } or { kind: "existing", ingressClassName }');
    v.oneOf("controller.kind", controller.kind, ["traefik", "existing"]);
    if (controller.kind === "existing" && props.controllerNamespace !== undefined) {
      v.fail("controllerNamespace", props.controllerNamespace, 'no controllerNamespace when controller.kind is "existing" (nothing is installed)');
    }
    this.hosts = hosts;

    const labels = (component: string, instance: string) => standardLabels({ name: "https-ingress", instance, component });

    if (installCertManager) {
      this.certManagerRelease = new Release(this, "cert-manager", {
        name: CERT_MANAGER_RELEASE,
        namespace: certManagerNamespace,
        repository: CHARTS.certManager.repository,
        chart: CHARTS.certManager.chart,
        version: CHARTS.certManager.version,
        ...RELEASE_BEHAVIOUR,
        values: [stringify(certManagerValues(certManagerNamespace, certManagerResources))],
      });
      setReadystackMetadata(this.certManagerRelease, "component", COMPONENTS.certManager);
      // The chart has no readinessProbe for the controller and no probe at all for the cainjector (values.yaml of
      // v1.21.1 offers `livenessProbe` for the controller only). Both are leader-elected and serve no traffic.
      Readiness.waive(this.certManagerRelease, "RS-PROBES", "cert-manager's chart offers no readinessProbe for the controller; it serves no traffic (leader-elected reconcile loop)", {
        objectRef: `Deployment/${certManagerNamespace}/${CERT_MANAGER_RELEASE}`,
      });
      Readiness.waive(this.certManagerRelease, "RS-PROBES", "cert-manager's chart offers no probe for the cainjector; it serves no traffic (leader-elected reconcile loop)", {
        objectRef: `Deployment/${certManagerNamespace}/${CERT_MANAGER_RELEASE}-cainjector`,
      });
    }

    let redirect: ReadystackFacts["redirect"];
    let hsts: ReadystackFacts["hsts"];
    const annotations: Record<string, string> = validateAnnotations(v, props.annotations ?? {});
    if (controller.kind === "traefik") {
      const controllerNamespace = v.dnsLabel("controllerNamespace", props.controllerNamespace ?? "traefik");
      const replicas = v.integer("controller.replicas", controller.replicas ?? 2, 1, 20);
      const resources = v.resources("controller.resources", DEFAULT_TRAEFIK_RESOURCES, controller.resources);
      if (controller.hsts !== undefined && !isPlainObject(controller.hsts)) {
        v.fail("controller.hsts", controller.hsts, "an object { maxAgeSeconds?, includeSubdomains?, preload? }");
      }
      const hstsSettings: HstsSettings = { ...DEFAULT_HSTS, ...(controller.hsts ?? {}) };
      v.integer("controller.hsts.maxAgeSeconds", hstsSettings.maxAgeSeconds, 0);
      v.bool("controller.hsts.includeSubdomains", hstsSettings.includeSubdomains);
      v.bool("controller.hsts.preload", hstsSettings.preload);
      if (hstsSettings.preload && (hstsSettings.maxAgeSeconds < 31536000 || !hstsSettings.includeSubdomains)) {
        v.fail("controller.hsts", hstsSettings, "preload only with includeSubdomains and maxAgeSeconds >= 31536000 (hstspreload.org requirements)");
      }
      this.ingressClassName = "traefik";
      this.controllerNamespace = controllerNamespace;
      this.controllerPodSelector = traefikPodSelector(TRAEFIK_RELEASE, controllerNamespace);
      this.hstsMiddlewareName = `${name}-hsts`;
      const middleware = hstsMiddleware(this.hstsMiddlewareName, namespace, hstsSettings, labels("ingress", name));
      this.controllerRelease = new Release(this, "traefik", {
        name: TRAEFIK_RELEASE,
        namespace: controllerNamespace,
        repository: CHARTS.traefik.repository,
        chart: CHARTS.traefik.chart,
        version: CHARTS.traefik.version,
        ...RELEASE_BEHAVIOUR,
        values: [
          stringify(
            traefikValues({
              releaseName: TRAEFIK_RELEASE,
              namespace: controllerNamespace,
              ingressClassName: this.ingressClassName,
              replicas,
              resources,
              extraObjects: [middleware],
            }),
          ),
        ],
      });
      setReadystackMetadata(this.controllerRelease, "component", COMPONENTS.ingressController);
      setReadystackMetadata(this.controllerRelease, "hstsMiddleware", { namespace, name: this.hstsMiddlewareName, ...hstsSettings });
      annotations["traefik.ingress.kubernetes.io/router.entrypoints"] = "websecure";
      annotations["traefik.ingress.kubernetes.io/router.tls"] = "true";
      annotations["traefik.ingress.kubernetes.io/router.middlewares"] = `${namespace}-${this.hstsMiddlewareName}@kubernetescrd`;
      redirect = "traefik-entrypoint";
      hsts = true;
    } else {
      this.ingressClassName = v.dnsLabel("controller.ingressClassName", controller.ingressClassName, 253);
      redirect = "external";
      hsts = "external";
    }

    if (v.bool("createClusterIssuer", props.createClusterIssuer ?? true)) {
      if (installCertManager && this.issuerName === CERT_MANAGER_RELEASE) {
        v.fail("issuerName", this.issuerName, `a name other than "${CERT_MANAGER_RELEASE}" (the issuer's Helm release shares cert-manager's namespace)`);
      }
      const issuer = clusterIssuerManifest({
        name: this.issuerName,
        email: acmeEmail,
        server: acmeServer,
        ingressClassName: this.ingressClassName,
        // Helm stamps its own managed-by label on everything it installs; say so up front.
        labels: { ...labels("cluster-issuer", this.issuerName), "app.kubernetes.io/managed-by": "Helm" },
      });
      // Absolute source path; cdk.tf.json only holds `assets/<logical id>/<content hash>`, relative to the stack directory.
      const chart = new TerraformAsset(this, "cluster-issuer-chart", { path: manifestsChartDir(), type: AssetType.DIRECTORY });
      this.clusterIssuerRelease = new Release(this, "cluster-issuer", {
        name: this.issuerName,
        namespace: certManagerNamespace,
        // Terraform runs in cdktf.out/stacks/<stack>; "./" makes Helm take it as a local directory, not a repo/chart name.
        chart: `./${chart.path}`,
        version: MANIFESTS_CHART.version,
        ...RELEASE_BEHAVIOUR,
        // The e-mail is user text: escape Terraform template sequences so it stays literal.
        values: [terraformLiteral(stringify({ objects: [issuer] }))],
        dependsOn: this.certManagerRelease ? [this.certManagerRelease] : undefined,
      });
      setReadystackMetadata(this.clusterIssuerRelease, "component", COMPONENTS.clusterIssuer);
      setReadystackMetadata(this.clusterIssuerRelease, "clusterIssuer", this.issuerName);
      setReadystackMetadata(this.clusterIssuerRelease, "acmeServer", acmeServer);
    }

    annotations["cert-manager.io/cluster-issuer"] = this.issuerName;
    const dependsOn = [
      ...(this.clusterIssuerRelease ? [this.clusterIssuerRelease] : []),
      ...(this.controllerRelease ? [this.controllerRelease] : []),
      ...(this.certManagerRelease ? [this.certManagerRelease] : []),
    ];
    this.ingress = new IngressV1(this, "ingress", {
      metadata: { name, namespace, labels: labels("ingress", name), annotations },
      spec: {
        ingressClassName: this.ingressClassName,
        tls: [{ hosts: [...hosts], secretName: this.tlsSecretName }],
        rule: hosts.map((host) => ({
          host,
          http: {
            path: paths.map((path) => ({
              path,
              pathType: "Prefix",
              backend: { service: { name: backend.serviceName, port: { number: backend.servicePort } } },
            })),
          },
        })),
      },
      dependsOn,
    });
    setReadystackMetadata(this.ingress, "component", COMPONENTS.ingress);
    setReadystackMetadata(this.ingress, "redirect", redirect);
    setReadystackMetadata(this.ingress, "hsts", hsts);
    setReadystackMetadata(this.ingress, "tlsHosts", [...hosts]);
    setReadystackMetadata(this.ingress, "clusterIssuer", this.issuerName);
    setReadystackMetadata(this.ingress, "acmeServer", acmeServer);
  }

  private validateHosts(v: PropValidator, hosts: unknown): string[] {
    if (!Array.isArray(hosts) || hosts.length === 0) v.fail("hosts", hosts, "a non-empty list of hostnames");
    const seen = new Map<string, number>();
    hosts.forEach((h: unknown, i: number) => {
      const host = v.hostname(`hosts[${i}]`, h);
      const first = seen.get(host);
      if (first !== undefined) v.fail(`hosts[${i}]`, host, `a hostname not already listed (duplicate of hosts[${first}])`);
      seen.set(host, i);
    });
    return hosts as string[];
  }

  private validatePaths(v: PropValidator, paths: unknown): string[] {
    if (!Array.isArray(paths) || paths.length === 0) v.fail("paths", paths, 'a non-empty list of path prefixes such as ["/"]');
    const seen = new Set<string>();
    paths.forEach((p: unknown, i: number) => {
      const path = v.httpPath(`paths[${i}]`, p);
      if (seen.has(path)) v.fail(`paths[${i}]`, path, "a path not already listed");
      seen.add(path);
    });
    return paths as string[];
  }

  private validateBackend(v: PropValidator, backend: IngressBackend | undefined): IngressBackend {
    if (backend === undefined || backend === null || typeof backend !== "object") {
      v.fail("backend", backend, "{ serviceName, servicePort }");
    }
    const serviceName = backend.serviceName;
    if (!(typeof serviceName === "string" && Token.isUnresolved(serviceName))) v.dnsLabel("backend.serviceName", serviceName);
    v.port("backend.servicePort", backend.servicePort);
    return backend;
  }
}

function isPlainObject(value: unknown): value is object {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const ANNOTATION_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Annotations: a map of annotation keys to strings; values are user text, kept literal for Terraform. */
function validateAnnotations(v: PropValidator, value: unknown): Record<string, string> {
  if (!isPlainObject(value)) v.fail("annotations", value, 'a map of annotation keys to strings such as { "example.com/team": "web" }');
  const out: Record<string, string> = {};
  for (const [key, val] of Object.entries(value)) {
    if (!ANNOTATION_KEY.test(key)) v.fail("annotations", key, 'annotation keys such as "example.com/team" (optional DNS prefix, name of at most 63 characters)');
    if (typeof val !== "string") v.fail(`annotations["${key}"]`, val, "a string");
    out[key] = literalText(val);
  }
  return out;
}
