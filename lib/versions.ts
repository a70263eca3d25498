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
  /** jetstack cert-manager; `crds.enabled`/`crds.keep` (the `installCRDs` key is deprecated). */
  certManager: { repository: "https://charts.jetstack.io", chart: "cert-manager", version: "v1.18.2" },
  /**
   * Traefik v37: HTTP→HTTPS via `ports.web.redirections.entryPoint` (v34+). Chart PR #1603 (Dec 2025)
   * moves it to `ports.web.http.redirections` in a later major: re-check lib/ingress/traefik-values.ts when bumping.
   */
  traefik: { repository: "https://traefik.github.io/charts", chart: "traefik", version: "37.4.0" },
  /** OSS Loki chart, now maintained in grafana-community/helm-charts (8.2.0 ships Loki 3.6.7); SingleBinary mode. */
  loki: { repository: "https://grafana-community.github.io/helm-charts", chart: "loki", version: "8.2.0" },
  /** Last Promtail chart (6.17.1, marked deprecated); Promtail itself reached EOL on 2026-03-02. */
  promtail: { repository: "https://grafana.github.io/helm-charts", chart: "promtail", version: "6.17.1" },
  /** Grafana Alloy, the maintained replacement for Promtail. */
  alloy: { repository: "https://grafana.github.io/helm-charts", chart: "alloy", version: "1.5.3" },
} as const satisfies Record<string, ChartPin>;
