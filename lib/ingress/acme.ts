/**
 * ACME (Let's Encrypt) pieces of the HTTPS ingress: directory URLs, the ClusterIssuer manifest and
 * the selector of the HTTP-01 solver pods cert-manager starts while it proves a host.
 */

/** Which Let's Encrypt environment issues the certificates. */
export type AcmeServer = "staging" | "production";

/** Let's Encrypt ACME v2 directory URLs (https://letsencrypt.org/docs/staging-environment/). */
export const LETSENCRYPT_SERVERS: Readonly<Record<AcmeServer, string>> = {
  production: "https://acme-v02.api.letsencrypt.org/directory",
  staging: "https://acme-staging-v02.api.letsencrypt.org/directory",
};

/**
 * Labels cert-manager puts on the HTTP-01 solver pods it starts in the Ingress's namespace.
 * They listen on {@link ACME_SOLVER_PORT}; the ingress controller must reach them while a
 * certificate is being issued or renewed (every ~60 days).
 */
export const ACME_SOLVER_POD_SELECTOR: Readonly<Record<string, string>> = {
  "acme.cert-manager.io/http01-solver": "true",
};

/** Port the cert-manager HTTP-01 solver pods listen on. */
export const ACME_SOLVER_PORT = 8089;

/** What the ClusterIssuer manifest is built from. */
export interface ClusterIssuerInput {
  readonly name: string;
  readonly email: string;
  readonly server: AcmeServer;
  readonly ingressClassName: string;
  readonly labels: Record<string, string>;
}

/** The `cert-manager.io/v1` ClusterIssuer for ACME HTTP-01 through the given ingress class. */
export function clusterIssuerManifest(input: ClusterIssuerInput): Record<string, unknown> {
  return {
    apiVersion: "cert-manager.io/v1",
    kind: "ClusterIssuer",
    metadata: { name: input.name, labels: input.labels },
    spec: {
      acme: {
        email: input.email,
        server: LETSENCRYPT_SERVERS[input.server],
        // The ACME account key lives in this Secret (in cert-manager's cluster resource namespace).
        privateKeySecretRef: { name: `${input.name}-account-key` },
        solvers: [{ http01: { ingress: { ingressClassName: input.ingressClassName } } }],
      },
    },
  };
}
