/**
 * Pods created by Helm charts are not visible in cdk.tf.json; what readystack controls is the values it
 * passes. Check those: hardened container settings, nothing privileged or root — except Promtail, whose
 * root/hostPath need is recorded in the release's metadata (and which Alloy replaces).
 */
import { parse as parseYaml } from "yaml";
import { referenceStack } from "./reference-stack";

const { tf } = referenceStack();

/** Every object in a parsed YAML document. */
function objects(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => objects(v, out));
  else if (value !== null && typeof value === "object") {
    out.push(value as Record<string, unknown>);
    Object.values(value).forEach((v) => objects(v, out));
  }
  return out;
}

const all = Object.entries(tf.resource.helm_release).map(([name, body]) => ({
  name,
  body,
  parsed: (body.values as string[]).map((v) => parseYaml(v) as Record<string, unknown>),
  values: objects((body.values as string[]).map((v) => parseYaml(v))),
}));
/** Releases of readystack's local readystack-manifests chart: they render `objects`, no pods. */
const objectReleases = all.filter((r) => String(r.body.chart).startsWith("./assets/"));
/** Releases of charts that run pods. */
const releases = all.filter((r) => !objectReleases.includes(r));

describe("Helm values of the reference stack", () => {
  it.each(releases.map((r) => [r.name, r] as const))("%s: hardened container security context, nothing privileged", (_n, release) => {
    const hardened = release.values.filter(
      (o) => o.readOnlyRootFilesystem === true && o.allowPrivilegeEscalation === false && JSON.stringify((o.capabilities as { drop?: unknown })?.drop) === '["ALL"]',
    );
    expect(hardened.length).toBeGreaterThan(0);
    expect(release.values.filter((o) => o.privileged === true || o.allowPrivilegeEscalation === true)).toEqual([]);
    expect(release.values.filter((o) => JSON.stringify((o.capabilities as { add?: unknown[] })?.add ?? []) !== "[]")).toEqual([]);
  });

  it.each(releases.filter((r) => !r.name.includes("promtail")).map((r) => [r.name, r] as const))("%s: runs as non-root", (_n, release) => {
    expect(release.values.some((o) => o.runAsNonRoot === true)).toBe(true);
    expect(release.values.filter((o) => o.runAsUser === 0 || o.runAsNonRoot === false)).toEqual([]);
  });

  it("the local-chart releases carry only objects that start no pods (the ClusterIssuer)", () => {
    expect(objectReleases.length).toBeGreaterThan(0);
    for (const r of objectReleases) {
      expect(r.parsed.map((p) => Object.keys(p))).toEqual([["objects"]]);
      const kinds = (r.parsed[0].objects as { kind: string }[]).map((o) => o.kind);
      expect(kinds).toEqual(["ClusterIssuer"]);
    }
  });

  it("Promtail's root need is declared on its release, in plain sight for reports", () => {
    const promtail = releases.find((r) => r.name.includes("promtail"))!;
    expect(promtail.body["//"]?.readystack?.runsAsRoot).toMatch(/hostPath/);
  });
});
