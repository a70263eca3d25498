/** Standard `app.kubernetes.io/*` labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/). */
export interface StandardLabelInput {
  /** app.kubernetes.io/name, e.g. `postgres`. */
  readonly name: string;
  /** app.kubernetes.io/instance: this deployment of the component, e.g. `shop-postgres`. */
  readonly instance: string;
  /** app.kubernetes.io/component, e.g. `database`. */
  readonly component: string;
  /** app.kubernetes.io/part-of. @default "readystack" */
  readonly partOf?: string;
  /** app.kubernetes.io/version, when known (the image tag). @default - not set */
  readonly version?: string;
}

/** Labels that select a component's pods: stable across upgrades, so never the version. */
export function selectorLabels(input: StandardLabelInput): Record<string, string> {
  return {
    "app.kubernetes.io/name": input.name,
    "app.kubernetes.io/instance": input.instance,
    "app.kubernetes.io/component": input.component,
  };
}

/** Every label a readystack object carries: the selector labels plus part-of, managed-by and version. */
export function standardLabels(input: StandardLabelInput): Record<string, string> {
  const labels: Record<string, string> = {
    ...selectorLabels(input),
    "app.kubernetes.io/part-of": input.partOf ?? "readystack",
    "app.kubernetes.io/managed-by": "terraform",
  };
  if (input.version !== undefined) labels["app.kubernetes.io/version"] = labelValueOf(input.version);
  return labels;
}

/** Turn an arbitrary string (an image tag, a digest) into a valid label value (≤ 63 chars, [A-Za-z0-9._-]). */
export function labelValueOf(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 63);
  return cleaned.replace(/^[^A-Za-z0-9]+/, "").replace(/[^A-Za-z0-9]+$/, "");
}
