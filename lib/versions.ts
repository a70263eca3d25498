/**
 * Every image and Helm chart version readystack deploys, pinned in one place.
 * Bump here; the snapshot test shows the change.
 */

/** Container images (pinned by tag; a digest is accepted wherever an image prop is). */
export const IMAGES = {
  /** Official PostgreSQL image (Debian bookworm); UID/GID 999 is the `postgres` user. */
  postgres: "postgres:17.6-bookworm",
  /** Official Redis image (Debian bookworm); UID/GID 999 is the `redis` user. */
  redis: "redis:7.4.5-bookworm",
} as const;

/** UID/GID the official postgres and redis Debian images run as. */
export const IMAGE_USERS = {
  postgres: 999,
  redis: 999,
} as const;

/** A pinned Helm chart. */
export interface ChartPin {
  /** Helm repository URL. */
  readonly repository: string;
  /** Chart name in that repository. */
  readonly chart: string;
  /** Exact chart version. */
  readonly version: string;
}

/** Helm charts. Verified against the charts' published indexes/values; see README "Pinned versions". */
export const CHARTS = {
  certManager: { repository: "https://charts.jetstack.io", chart: "cert-manager", version: "v1.18.2" },
  traefik: { repository: "https://traefik.github.io/charts", chart: "traefik", version: "37.1.1" },
  loki: { repository: "https://grafana-community.github.io/helm-charts", chart: "loki", version: "6.40.0" },
  promtail: { repository: "https://grafana.github.io/helm-charts", chart: "promtail", version: "6.17.0" },
  alloy: { repository: "https://grafana.github.io/helm-charts", chart: "alloy", version: "1.2.1" },
} as const satisfies Record<string, ChartPin>;
