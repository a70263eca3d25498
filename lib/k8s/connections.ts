/**
 * The contracts between constructs: how one component tells another where it is and how to
 * authenticate. Values may be Terraform tokens (e.g. a Secret's name), which also carry the dependency.
 */

/** A key in a Kubernetes Secret. */
export interface SecretKeyRef {
  /** Secret name (a literal or a token referencing a kubernetes_secret_v1). */
  readonly name: string;
  /** Key inside the Secret. */
  readonly key: string;
}

/** Everything a client needs to reach a PostgreSQL server in the cluster. */
export interface PostgresConnection {
  /** In-cluster DNS name of the client Service, e.g. `app-postgres.shop.svc.cluster.local`. */
  readonly host: string;
  /** Service port. */
  readonly port: number;
  /** Database name. */
  readonly database: string;
  /** Secret key holding the user name. */
  readonly usernameSecret: SecretKeyRef;
  /** Secret key holding the password. */
  readonly passwordSecret: SecretKeyRef;
  /** An image with pg_isready, psql, pg_dump and pg_restore matching the server's major version. */
  readonly clientImage: string;
  /** Labels that select the server's pods (for NetworkPolicies). */
  readonly podSelector: Record<string, string>;
}

/** Everything a client needs to reach a Redis server in the cluster. */
export interface RedisConnection {
  /** In-cluster DNS name of the Service. */
  readonly host: string;
  /** Service port. */
  readonly port: number;
  /** Secret key holding the password (Redis `requirepass`). */
  readonly passwordSecret: SecretKeyRef;
  /** An image with redis-cli. */
  readonly clientImage: string;
  /** Labels that select the server's pods (for NetworkPolicies). */
  readonly podSelector: Record<string, string>;
}

/** In-cluster DNS name of a Service. */
export function serviceHost(serviceName: string, namespace: string, clusterDomain = "cluster.local"): string {
  return `${serviceName}.${namespace}.svc.${clusterDomain}`;
}
