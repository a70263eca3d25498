import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { locateChart, packagedVersions } from "../../lib/readiness/rehearsal/chart-source";
import { helmErrorText } from "../../lib/readiness/rehearsal/helm-errors";
import { clusterScopedCustomKinds, parseRendered, withReleaseNamespace } from "../../lib/readiness/rehearsal/manifests";

describe("rendered manifests", () => {
  const text = [
    "---",
    "# Source: app/templates/sa.yaml",
    "apiVersion: v1",
    "kind: ServiceAccount",
    "metadata:",
    "  name: app",
    "---",
    "# Source: app/templates/empty.yaml",
    "---",
    "# Source: app/templates/crd.yaml",
    "apiVersion: apiextensions.k8s.io/v1",
    "kind: CustomResourceDefinition",
    "metadata:",
    "  name: gadgets.example.com",
    "spec:",
    "  scope: Cluster",
    "  names:",
    "    kind: Gadget",
    "---",
    "# Source: app/templates/list.yaml",
    "apiVersion: v1",
    "kind: List",
    "items:",
    "  - apiVersion: v1",
    "    kind: ConfigMap",
    "    metadata:",
    "      name: a",
    "      namespace: other",
    "",
  ].join("\n");

  it("splits Helm's output into objects, each with the template of its `# Source:` line, flattening Lists", () => {
    const out = parseRendered(text);
    expect(out.map((m) => [m.object.kind, m.object.metadata.name, m.template])).toEqual([
      ["ServiceAccount", "app", "app/templates/sa.yaml"],
      ["CustomResourceDefinition", "gadgets.example.com", "app/templates/crd.yaml"],
      ["ConfigMap", "a", "app/templates/list.yaml"],
    ]);
  });

  it("gives namespaced objects without a namespace the release namespace, and leaves cluster-scoped kinds alone", () => {
    const out = parseRendered(text);
    const cluster = clusterScopedCustomKinds(out);
    expect([...cluster]).toEqual(["Gadget"]);
    expect(withReleaseNamespace(out[0].object, "shop", cluster).metadata.namespace).toBe("shop");
    expect(withReleaseNamespace(out[1].object, "shop", cluster).metadata.namespace).toBeUndefined();
    expect(withReleaseNamespace(out[2].object, "shop", cluster).metadata.namespace).toBe("other");
    const gadget = { apiVersion: "example.com/v1", kind: "Gadget", metadata: { name: "g" } };
    expect(withReleaseNamespace(gadget, "shop", cluster).metadata.namespace).toBeUndefined();
  });

  it("names the template of a document that does not parse", () => {
    expect(() => parseRendered("# Source: app/templates/bad.yaml\nkind: [unclosed\n")).toThrow(/^rendered YAML of app\/templates\/bad\.yaml does not parse: /);
  });
});

describe("Helm error text", () => {
  it("keeps the lines from `Error:` on, without the prefix and the --debug hint", () => {
    const stderr = "walk.go:75: found symbolic link\nError: execution error at (loki/templates/x.yaml:7:4): Please define loki.storage.bucketNames.chunks\n\nUse --debug flag to render out invalid YAML\n";
    expect(helmErrorText({ stderr })).toBe("execution error at (loki/templates/x.yaml:7:4): Please define loki.storage.bucketNames.chunks");
  });
});

describe("chart sources", () => {
  const dir = mkdtempSync(join(tmpdir(), "readystack-charts-test-"));
  for (const f of ["loki-8.1.3.tgz", "loki-18.11.0.tgz", "cert-manager-v1.21.1.tgz", "loki-stack-2.10.2.tgz"]) writeFileSync(join(dir, f), "");
  const sources = { chartsDir: dir, network: false, baseDir: dir, timeoutMs: 1000 };

  it("lists the packaged versions of a chart, not those of a chart whose name merely starts the same", () => {
    expect(packagedVersions(dir, "loki")).toEqual(["8.1.3", "18.11.0"]);
  });

  it("finds `<chart>-<version>.tgz`, with or without the version's leading v", () => {
    expect(locateChart({ chartRef: "cert-manager", chart: "cert-manager", version: "1.21.1", repository: "https://charts.jetstack.io" }, sources)).toEqual({
      kind: "found",
      path: join(dir, "cert-manager-v1.21.1.tgz"),
    });
  });

  it("fails a version the directory does not hold when it holds other versions of the chart", () => {
    expect(locateChart({ chartRef: "loki", chart: "loki", version: "8.2.0", repository: "https://x" }, sources)).toEqual({
      kind: "failed",
      reason: `chart loki version 8.2.0 not found in ${dir} (available: 8.1.3, 18.11.0)`,
    });
  });

  it("calls a chart the directory does not hold at all missing, naming the file it looked for", () => {
    expect(locateChart({ chartRef: "redis", chart: "redis", version: "21.0.0", repository: "https://x" }, sources)).toEqual({
      kind: "missing",
      reason: `no chart source for redis 21.0.0: looked for ${join(dir, "redis-21.0.0.tgz")}; network pulls are off`,
    });
  });

  it("renders a local chart from the directory its asset path maps to", () => {
    const local = locateChart({ chartRef: "./assets/issuer/abc123", chart: "abc123" }, { ...sources, localCharts: { "./assets/issuer/abc123": dir } });
    expect(local).toEqual({ kind: "missing", reason: `local chart ./assets/issuer/abc123 not found at ${dir}` });
    writeFileSync(join(dir, "Chart.yaml"), "name: x\nversion: 0.1.0\n");
    expect(locateChart({ chartRef: "./assets/issuer/abc123", chart: "abc123" }, { ...sources, localCharts: { "./assets/issuer/abc123": dir } })).toEqual({
      kind: "found",
      path: dir,
    });
  });
});
