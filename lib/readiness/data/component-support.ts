/**
 * End-of-life and support facts about components a stack may install, as data: RS-EOL-COMPONENT reads this
 * table instead of knowing component names itself. Refresh it when the facts change (new cert-manager minor
 * line, a chart marked deprecated, an announced end of life) and update {@link COMPONENT_SUPPORT_AS_OF}.
 */

/** The date the facts below were last checked (ISO 8601 day). */
export const COMPONENT_SUPPORT_AS_OF = "2026-08-21";

/** A support policy that covers only the newest release lines of a component. */
export interface SupportedLines {
  /** The supported `major.minor` lines, newest first. */
  readonly lines: readonly string[];
  /** The policy in one sentence, quoted in findings. */
  readonly policy: string;
}

/** An announced end of life. */
export interface EndOfLife {
  /** When support ended: `YYYY-MM-DD`, or `YYYY-MM` when only the month was announced. */
  readonly date: string;
  /** How the end was announced, when more than a date (e.g. "retired"). */
  readonly note?: string;
}

/** What is known about one component's support. */
export interface ComponentSupport {
  /** Display name, used in findings. */
  readonly name: string;
  /** Helm chart names that install it (bare chart name, as `chartName()` normalises it). */
  readonly charts: readonly string[];
  /**
   * Container image repositories that run it: a repository (also matched under any registry, e.g.
   * `grafana/promtail` matches `docker.io/grafana/promtail`), or a prefix ending in `/`.
   */
  readonly images: readonly string[];
  /** End of life, when announced. Findings start on that date. */
  readonly endOfLife?: EndOfLife;
  /** The chart's maintainers marked the chart deprecated (`deprecated: true` in Chart.yaml). */
  readonly chartDeprecated?: { readonly since: string };
  /** Only these release lines get fixes; an older line is out of support. */
  readonly supportedLines?: SupportedLines;
  /** What to use instead, for the remediation. */
  readonly replacement: string;
  /** Where the facts come from. */
  readonly source: string;
}

/** The facts, one entry per component. */
export const COMPONENT_SUPPORT: readonly ComponentSupport[] = [
  {
    name: "Promtail",
    charts: ["promtail"],
    images: ["grafana/promtail"],
    endOfLife: { date: "2026-03-02" },
    chartDeprecated: { since: "6.17.1" },
    replacement: "Grafana Alloy (chart alloy)",
    source: "Grafana: Promtail end of life 2026-03-02; grafana/helm-charts promtail 6.17.1 Chart.yaml sets deprecated: true",
  },
  {
    name: "ingress-nginx",
    charts: ["ingress-nginx"],
    images: ["registry.k8s.io/ingress-nginx/", "k8s.gcr.io/ingress-nginx/"],
    endOfLife: { date: "2026-03", note: "retired" },
    replacement: "Traefik or another maintained Gateway/Ingress controller",
    source: "Kubernetes SIG Network: ingress-nginx retired in March 2026",
  },
  {
    name: "cert-manager",
    charts: ["cert-manager"],
    images: [],
    supportedLines: {
      lines: ["1.21", "1.20"],
      policy: "cert-manager supports its two newest minor release lines",
    },
    replacement: "cert-manager v1.21 (the newest release line)",
    source: "cert-manager supported releases policy; release tags v1.21.1 and v1.20.3 are the newest of their lines",
  },
];
