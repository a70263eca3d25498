import type { ContainerResources } from "../k8s/resources";
import type { AcmeServer } from "./acme";
import type { HstsSettings } from "./traefik-values";

/** Install Traefik as the ingress controller (the default; ingress-nginx was retired in March 2026). */
export interface TraefikControllerChoice {
  readonly kind: "traefik";
  /** Controller pods; a PodDisruptionBudget (minAvailable 1) is added when > 1. @default 2 */
  readonly replicas?: number;
  /** Requests/limits of the Traefik container. @default 100m/128Mi requests, 1 CPU/512Mi limits */
  readonly resources?: Partial<ContainerResources>;
  /** HSTS header settings. @default { maxAgeSeconds: 31536000, includeSubdomains: true, preload: false } */
  readonly hsts?: Partial<HstsSettings>;
}

/** Use an ingress controller that already runs in the cluster: nothing is installed, and HTTP→HTTPS redirect and HSTS are its job. */
export interface ExistingControllerChoice {
  readonly kind: "existing";
  /** IngressClass of that controller. */
  readonly ingressClassName: string;
}

/** Which ingress controller serves the Ingress. */
export type IngressControllerChoice = TraefikControllerChoice | ExistingControllerChoice;

/** The Service the Ingress routes to. */
export interface IngressBackend {
  /** Service name (a token such as `api.service.metadata.name` is accepted). */
  readonly serviceName: string;
  /** Service port number. */
  readonly servicePort: number;
}

/** Props of {@link HttpsIngress}. */
export interface HttpsIngressProps {
  /** Namespace of the Ingress (the application's namespace). */
  readonly namespace: string;
  /** Name of the Ingress object. @default the construct id */
  readonly name?: string;
  /** Hostnames served (each a lower-case DNS name, no duplicates); all go into one TLS certificate. */
  readonly hosts: string[];
  /** The Service traffic goes to. */
  readonly backend: IngressBackend;
  /** URL path prefixes routed to the backend (pathType Prefix). @default ["/"] */
  readonly paths?: string[];
  /** Contact e-mail of the ACME account (Let's Encrypt expiry notices). */
  readonly acmeEmail: string;
  /** Let's Encrypt environment: "staging" (untrusted certs, high rate limits) or "production". @default "production" */
  readonly acmeServer?: AcmeServer;
  /** Name of the ClusterIssuer, also the name of the Helm release that installs it (at most 53 characters). @default `letsencrypt-<acmeServer>` */
  readonly issuerName?: string;
  /** Secret that receives the certificate. @default `<name>-tls` */
  readonly tlsSecretName?: string;
  /** Install cert-manager with its CRDs; false when the cluster already runs cert-manager. @default true */
  readonly installCertManager?: boolean;
  /** Namespace of the cert-manager release (created). @default "cert-manager" */
  readonly certManagerNamespace?: string;
  /** Requests/limits of each cert-manager container. @default 10m/64Mi requests, 500m/256Mi limits */
  readonly certManagerResources?: Partial<ContainerResources>;
  /** The ingress controller. @default { kind: "traefik" } */
  readonly controller?: IngressControllerChoice;
  /** Namespace of the Traefik release (created); only with controller.kind "traefik". @default "traefik" */
  readonly controllerNamespace?: string;
  /**
   * Create the ClusterIssuer (a Helm release of readystack's local `readystack-manifests` chart, applied after
   * cert-manager). Set false when the issuer is managed elsewhere.
   * @default true
   */
  readonly createClusterIssuer?: boolean;
  /** Extra annotations on the Ingress (the TLS/issuer/router annotations win on conflict). @default {} */
  readonly annotations?: Record<string, string>;
}
