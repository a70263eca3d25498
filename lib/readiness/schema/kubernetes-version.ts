/**
 * The Kubernetes version the API schemas of `kubernetes-models` 4.5.1 correspond to. The package README's badge
 * still says 1.27.1, but its schemas carry the fields of 1.33 (`Lifecycle.stopSignal`, added in 1.33;
 * `PodSpec.resources`, 1.32; `ImageVolumeSource`, 1.31) and none of 1.34 (`FileKeySelector`,
 * `PodSpec.hostnameOverride`). Charts are rendered with this `--kube-version` so that what Helm emits and what the
 * schemas accept agree.
 */
export const SCHEMA_KUBERNETES_VERSION = "1.33.0";
