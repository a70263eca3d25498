/** What the rehearsal did with each `helm_release`: rendered with the real Helm, failed, or not rendered (and why). */

/** The outcome for one release. */
export interface ReleaseRendering {
  /** Terraform address, e.g. `helm_release.loki`. */
  readonly address: string;
  /** Chart name. */
  readonly chart: string;
  /** Pinned chart version, when the release pins one. */
  readonly version?: string;
  /**
   * `rendered`: Helm rendered it and its objects are in the model. `failed`: Helm refused it (a chart version that
   * does not exist, a values.schema.json violation, a template error): an error finding. `not-rendered`: no chart
   * source or no Helm binary was available, or rendering was not requested.
   */
  readonly status: "rendered" | "failed" | "not-rendered";
  /** Why it failed or was not rendered. */
  readonly reason?: string;
  /** Number of objects the render produced. */
  readonly objects: number;
}

/** The rehearsal of a whole stack. */
export interface RenderingReport {
  /** Whether rendering was requested. */
  readonly requested: boolean;
  /** Helm version used, when a binary was found. */
  readonly helmVersion?: string;
  /** Kubernetes version the charts were rendered for (`--kube-version`) and the schemas correspond to. */
  readonly kubernetesVersion?: string;
  /** One entry per helm_release, in document order. */
  readonly releases: readonly ReleaseRendering[];
}
