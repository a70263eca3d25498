/**
 * Every image and Helm chart version readystack deploys, pinned in one place.
 *
 * Each pin carries a `// renovate:` comment that renovate.json's custom manager reads, so a dependency bot
 * proposes bumps. Bumping by hand: change the pin here, then run the version-currency test
 * (test/unit/versions/published.test.ts), the chart render test (test/unit/versions/chart-render.test.ts)
 * and update the reference snapshot; see README "Pinned versions".
 */

/** Container images (pinned by tag; a digest is accepted wherever an image prop is). */
export const IMAGES = {
  /**
   * Official PostgreSQL image, newest 17.x patch release, Debian bookworm flavour; UID/GID 999 is the
   * `postgres` user.
   */
  // renovate: datasource=docker depName=postgres versioning=docker
  postgres: "postgres:17.11-bookworm",
  /**
   * Official Redis image, newest 7.4.x patch release, Debian bookworm flavour (7.4.6 and later carry the fix
   * for CVE-2025-49844, the Lua use-after-free); UID/GID 999 is the `redis` user.
   */
  // renovate: datasource=docker depName=redis versioning=docker
  redis: "redis:7.4.11-bookworm",
  /**
   * Official rclone image (Alpine: sh, md5sum, sha256sum, rclone), a release tag of the rclone project; the
   * off-site uploader and downloader of PostgresBackup run it.
   */
  // renovate: datasource=docker depName=rclone/rclone
  rclone: "rclone/rclone:1.72.1",
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

/**
 * Helm charts. Every version is a published release of its repository; the values readystack passes are
 * validated against each chart's values.schema.json by a real `helm template` in the test suite.
 */
export const CHARTS = {
  /**
   * jetstack cert-manager v1.21 (cert-manager supports its two newest minor lines). CRDs via
   * `crds.enabled`/`crds.keep` (`installCRDs` is the deprecated key).
   */
  // renovate: datasource=helm registryUrl=https://charts.jetstack.io depName=cert-manager
  certManager: { repository: "https://charts.jetstack.io", chart: "cert-manager", version: "v1.21.1" },
  /**
   * Traefik chart 41: HTTP→HTTPS via `ports.web.http.redirections.entryPoint` and TLS via
   * `ports.websecure.http.tls` (both moved under `http` in chart 39.0.0); logging via `log`/`accessLog`
   * (chart 41.0.0 renamed `logs`).
   */
  // renovate: datasource=helm registryUrl=https://traefik.github.io/charts depName=traefik
  traefik: { repository: "https://traefik.github.io/charts", chart: "traefik", version: "41.3.0" },
  /** OSS Loki chart from grafana-community/helm-charts (18.11.0 ships Loki 3.7.6), Monolithic mode. */
  // renovate: datasource=helm registryUrl=https://grafana-community.github.io/helm-charts depName=loki
  loki: { repository: "https://grafana-community.github.io/helm-charts", chart: "loki", version: "18.11.0" },
  /**
   * Last Promtail chart (6.17.1, marked `deprecated` in its Chart.yaml; ships Promtail 3.5.1). Promtail
   * reached end of life on 2026-03-02: there will be no newer version; prefer Alloy.
   */
  // renovate: datasource=helm registryUrl=https://grafana.github.io/helm-charts depName=promtail
  promtail: { repository: "https://grafana.github.io/helm-charts", chart: "promtail", version: "6.17.1" },
  /** Grafana Alloy chart 1.11.1 (ships Alloy v1.18.1), the maintained replacement for Promtail. */
  // renovate: datasource=helm registryUrl=https://grafana.github.io/helm-charts depName=alloy
  alloy: { repository: "https://grafana.github.io/helm-charts", chart: "alloy", version: "1.11.1" },
} as const satisfies Record<string, ChartPin>;
