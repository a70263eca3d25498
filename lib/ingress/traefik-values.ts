import { helmHardenedContainer } from "../k8s/security";
import { ContainerResources, resourcesBlock } from "../k8s/resources";

/** HSTS settings applied by the Traefik `headers` middleware. */
export interface HstsSettings {
  /** `Strict-Transport-Security: max-age`, seconds. */
  readonly maxAgeSeconds: number;
  /** Add `includeSubDomains`. */
  readonly includeSubdomains: boolean;
  /** Add `preload`. */
  readonly preload: boolean;
}

/** Labels the Traefik chart puts on its pods (`app.kubernetes.io/instance` is `<release>-<namespace>`). */
export function traefikPodSelector(releaseName: string, namespace: string): Record<string, string> {
  return { "app.kubernetes.io/name": "traefik", "app.kubernetes.io/instance": `${releaseName}-${namespace}` };
}

/** The `traefik.io/v1alpha1` Middleware that sets the HSTS header. */
export function hstsMiddleware(name: string, namespace: string, hsts: HstsSettings, labels: Record<string, string>): Record<string, unknown> {
  return {
    apiVersion: "traefik.io/v1alpha1",
    kind: "Middleware",
    metadata: { name, namespace, labels },
    spec: {
      headers: {
        stsSeconds: hsts.maxAgeSeconds,
        stsIncludeSubdomains: hsts.includeSubdomains,
        stsPreload: hsts.preload,
      },
    },
  };
}

/** What the Traefik values are built from. */
export interface TraefikValuesInput {
  readonly releaseName: string;
  readonly namespace: string;
  readonly ingressClassName: string;
  readonly replicas: number;
  readonly resources: ContainerResources;
  /** Extra manifests rendered by the chart's `extraObjects` (the HSTS middleware). */
  readonly extraObjects: Record<string, unknown>[];
}

/** Traefik's image user (chart default podSecurityContext). */
export const TRAEFIK_UID = 65532;

/**
 * Values for the traefik/traefik chart 41 (keys checked against traefik/values.yaml, values.schema.json and
 * templates/_podtemplate.tpl at v41.3.0). HTTP→HTTPS with `ports.web.http.redirections.entryPoint` and TLS on
 * `ports.websecure.http.tls` (chart 39.0.0 moved both under `http`; the old keys fail its schema). Logs as JSON
 * via `log` and `accessLog` (chart 41.0.0 replaced `logs.general`/`logs.access`). The redirect router gets
 * priority 10 instead of Traefik's default MaxInt: cert-manager's HTTP-01 solver Ingress (a `Host && Path`
 * rule, priority = rule length) must still be served over plain HTTP on `web`, or the ACME challenge is
 * redirected away. Everything else on `web` (priority ≥ 10 rules excluded) is redirected permanently to
 * `websecure`.
 */
export function traefikValues(input: TraefikValuesInput): Record<string, unknown> {
  return {
    deployment: { kind: "Deployment", replicas: input.replicas },
    podDisruptionBudget: { enabled: input.replicas > 1, minAvailable: 1 },
    ingressClass: { enabled: true, isDefaultClass: false, name: input.ingressClassName },
    providers: {
      kubernetesCRD: { enabled: true, allowCrossNamespace: false },
      kubernetesIngress: { enabled: true },
    },
    ports: {
      web: {
        http: {
          redirections: {
            entryPoint: { to: "websecure", scheme: "https", permanent: true, priority: 10 },
          },
        },
      },
      websecure: { http: { tls: { enabled: true } } },
    },
    service: { enabled: true, type: "LoadBalancer" },
    log: { format: "json", level: "INFO" },
    accessLog: { enabled: true, format: "json" },
    global: { checkNewVersion: false, sendAnonymousUsage: false },
    resources: resourcesBlock(input.resources),
    podSecurityContext: {
      runAsNonRoot: true,
      runAsUser: TRAEFIK_UID,
      runAsGroup: TRAEFIK_UID,
      seccompProfile: { type: "RuntimeDefault" },
    },
    securityContext: helmHardenedContainer(),
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: {
              labelSelector: { matchLabels: traefikPodSelector(input.releaseName, input.namespace) },
              topologyKey: "kubernetes.io/hostname",
            },
          },
        ],
      },
    },
    extraObjects: input.extraObjects,
  };
}
