/** Options of the deploy rehearsal: render each `helm_release` with the real Helm before the rules run. */
export interface RenderOptions {
  /**
   * A directory of packaged charts named `<chart>-<version>.tgz`.
   * @default the READYSTACK_CHARTS_DIR environment variable; none when it is unset
   */
  readonly chartsDir?: string;
  /**
   * Path of the Helm binary.
   * @default the READYSTACK_HELM environment variable, then `helm` on PATH
   */
  readonly helm?: string;
  /**
   * Pull charts that are not in `chartsDir` from their repository (`helm pull --repo`), into a temporary cache.
   * @default false
   */
  readonly network?: boolean;
  /**
   * The Kubernetes version charts are rendered for (`helm template --kube-version`).
   * @default SCHEMA_KUBERNETES_VERSION, the version of the API schemas objects are validated against
   */
  readonly kubernetesVersion?: string;
  /**
   * The directory of the cdk.tf.json: local chart paths (`./assets/...`) are relative to it.
   * @default the current working directory
   */
  readonly baseDir?: string;
  /**
   * How long one Helm command may run, in milliseconds.
   * @default 60000
   */
  readonly timeoutMs?: number;
  /**
   * Environment variables to read READYSTACK_HELM, READYSTACK_CHARTS_DIR and PATH from.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Local chart paths as the JSON writes them (`./assets/cluster-issuer-chart/<hash>`) → the directory holding the
   * chart, for charts whose copy in the output directory does not exist yet (cdktf copies assets after validation).
   * @default none
   */
  readonly localCharts?: Readonly<Record<string, string>>;
  /**
   * Whether to render at all. When false, every release is reported as not rendered with `disabledReason`, and the
   * rehearsal rules stay silent (rendering counts as not requested).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Why rendering is off (shown for each release when `enabled` is false).
   * @default "rendering was not requested"
   */
  readonly disabledReason?: string;
}

/** Default timeout of one Helm command. */
export const DEFAULT_HELM_TIMEOUT_MS = 60_000;
