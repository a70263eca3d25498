import { runReadiness } from "../../../lib/readiness/engine";
import { schemaValidRule } from "../../../lib/readiness/rules/schema-valid";
import { rehearsalCoverageRule } from "../../../lib/readiness/rules/rehearsal-coverage";
import type { TerraformJson } from "../../../lib/readiness/types";

type Json = Record<string, unknown>;

function manifests(objects: Record<string, Json>): TerraformJson {
  const body: Record<string, Json> = {};
  for (const [name, manifest] of Object.entries(objects)) body[name] = { manifest };
  return { resource: { kubernetes_manifest: body } } as unknown as TerraformJson;
}

function deployment(container: Json, extraSpec: Json = {}): Json {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api", namespace: "shop", labels: { "app.kubernetes.io/name": "api" } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { "app.kubernetes.io/name": "api" } },
      template: {
        metadata: { labels: { "app.kubernetes.io/name": "api" }, annotations: { "example.com/any": "x" } },
        spec: { containers: [{ name: "api", image: "ghcr.io/acme/api:1.2.3", resources: { limits: { cpu: "1", memory: "256Mi" } }, ...container }] },
      },
      ...extraSpec,
    },
  };
}

/** A small CRD, as a chart or a kubernetes_manifest would apply it. */
const WIDGET_CRD: Json = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { kind: "Widget", plural: "widgets", singular: "widget" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            description: "A widget.",
            properties: {
              spec: {
                type: "object",
                required: ["size"],
                properties: { size: { type: "integer" }, colour: { type: "string", enum: ["red", "blue"] } },
              },
              status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            },
          },
        },
      },
    ],
  },
};

function run(json: TerraformJson) {
  const result = runReadiness(json, { rules: [schemaValidRule] });
  const findings = result.findings.filter((f) => f.ruleId === "RS-SCHEMA-VALID");
  return { result, findings, messages: findings.map((f) => f.message) };
}

describe("RS-SCHEMA-VALID", () => {
  it("passes objects that match their Kubernetes API schema (labels, annotations and quantities are free-form maps)", () => {
    const { findings, result } = run(manifests({ api: deployment({ imagePullPolicy: "IfNotPresent" }) }));
    expect(findings).toEqual([]);
    expect(result.criteria.find((c) => c.id === "startup")?.evidence).toEqual(["kubernetes_manifest.api"]);
  });

  it("reports a misspelt field of a kubernetes_manifest object, naming the path, its type and the likely field", () => {
    const { findings, messages } = run(manifests({ api: deployment({ imagePullPolicyy: "Always" }) }));
    expect(messages).toEqual([
      "kubernetes_manifest.api Deployment/shop/api: spec.template.spec.containers[0].imagePullPolicyy is not a field of Container (did you mean imagePullPolicy?)",
    ]);
    expect(findings[0]).toMatchObject({ severity: "error", address: "kubernetes_manifest.api" });
  });

  it("reports wrong types and missing required fields", () => {
    const bad = deployment({ ports: [{ containerPort: "http" }] });
    delete ((bad.spec as Json).template as Json).metadata;
    delete (bad.spec as Json).selector;
    const { messages } = run(manifests({ api: bad }));
    expect(messages).toEqual([
      "kubernetes_manifest.api Deployment/shop/api: spec.selector is required",
      'kubernetes_manifest.api Deployment/shop/api: spec.template.spec.containers[0].ports[0].containerPort must be of type integer, not "http"',
    ]);
  });

  it("treats Terraform interpolations as unknown values, not type errors", () => {
    const { findings } = run(manifests({ api: deployment({ ports: [{ containerPort: "${var.port}" }] }, { replicas: "${var.replicas}" }) }));
    expect(findings).toEqual([]);
  });

  it("validates a custom resource against its CRD's openAPIV3Schema: unknown fields, types and enums", () => {
    const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "shop" }, spec: { size: "big", colour: "green", shape: "round" } };
    const { messages } = run(manifests({ crd: WIDGET_CRD, widget }));
    expect(messages).toEqual([
      'kubernetes_manifest.widget Widget/shop/w: spec.size must be of type integer, not "big"',
      'kubernetes_manifest.widget Widget/shop/w: spec.colour must be one of "red", "blue", not "green"',
      "kubernetes_manifest.widget Widget/shop/w: spec.shape is not a field of WidgetSpec",
    ]);
  });

  it("passes a valid custom resource, and lists a kind without any schema as not validated (with rendering requested)", () => {
    const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "shop" }, spec: { size: 3, colour: "red" }, status: { any: 1 } };
    const gadget = { apiVersion: "example.com/v1", kind: "Gadget", metadata: { name: "g" }, spec: { anything: true } };
    const json = manifests({ crd: WIDGET_CRD, widget, gadget });
    expect(run(json).findings).toEqual([]);
    const coverage = runReadiness(json, { rules: [rehearsalCoverageRule], render: { helm: "/nonexistent/helm" } });
    expect(coverage.findings.map((f) => f.message)).toEqual([
      "kubernetes_manifest.gadget Gadget/g: not validated: no schema for example.com/v1 Gadget (not a built-in API, and no CRD in the stack defines it)",
    ]);
  });
});
