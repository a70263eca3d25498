import { Testing } from "cdktf";
import { ReadystackConfigError } from "../../lib/errors";
import { ReadyStack, ReadyStackProps } from "../../lib/ready-stack";
import { Readiness } from "../../lib/readiness/readiness";
import { referenceProps } from "../../stacks/reference";

// Terraform JSON is read loosely here, as the tests of the other constructs do.
type Json = { [key: string]: any };

function build(props: ReadyStackProps = referenceProps()): { stack: ReadyStack; json: Json } {
  const stack = new ReadyStack(Testing.app(), "shop", props);
  return { stack, json: stack.toTerraform() as Json };
}

describe("ReadyStack", () => {
  const { json } = build();

  test("creates the namespace with the restricted Pod Security Standard", () => {
    const ns = Object.values(json.resource.kubernetes_namespace_v1)[0] as Json;
    expect(ns.metadata.name).toBe("offgridflow");
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });

  test("every other kubernetes resource and Helm release waits for the namespace", () => {
    for (const [type, resources] of Object.entries(json.resource as Record<string, Record<string, Json>>)) {
      if (!/^(kubernetes_|helm_release)/.test(type) || type === "kubernetes_namespace_v1") continue;
      for (const [name, r] of Object.entries(resources)) {
        expect({ address: `${type}.${name}`, dependsOn: r.depends_on }).toEqual({
          address: `${type}.${name}`,
          dependsOn: expect.arrayContaining(["kubernetes_namespace_v1.namespace"]),
        });
      }
    }
  });

  test("explicit backend; providers read the cluster from the environment unless given", () => {
    expect(Object.keys(json.terraform.backend)).toEqual(["kubernetes"]);
    expect(json.provider.kubernetes[0]).toEqual({});
    const withCluster = build({ ...referenceProps(), cluster: { configPath: "~/.kube/prod", configContext: "prod" } }).json;
    expect(withCluster.provider.kubernetes[0]).toEqual({ config_path: "~/.kube/prod", config_context: "prod" });
    expect(withCluster.provider.helm[0].kubernetes).toEqual({ config_path: "~/.kube/prod", config_context: "prod" });
  });

  test("logging lives in its own namespace and ships the app namespace's logs", () => {
    const releases = Object.values(json.resource.helm_release as Record<string, Json>);
    const loki = releases.find((r) => r.chart === "loki")!;
    const promtail = releases.find((r) => r.chart === "promtail")!;
    expect(loki.namespace).toBe("logging");
    expect(promtail.namespace).toBe("logging");
    expect(promtail["//"].readystack.targetNamespaces).toEqual(["offgridflow"]);
  });

  test("the API rolls out only after the migration Job", () => {
    const deployment = Object.values(json.resource.kubernetes_deployment_v1)[0] as Json;
    const job = Object.keys(json.resource.kubernetes_job_v1)[0];
    expect(deployment.depends_on).toContain(`kubernetes_job_v1.${job}`);
  });

  test("a missing or ambiguous backend, and a bad namespace, are clear errors", () => {
    const props = referenceProps();
    expect(() => build({ ...props, backend: {} })).toThrow(
      /shop: invalid backend \{\}; expected exactly one of \{ kubernetes \}, \{ s3 \}, \{ gcs \}, \{ azurerm \}, \{ pg \} or \{ local: \{ path \} \}/,
    );
    expect(() => build({ ...props, backend: { local: { path: "/abs/terraform.tfstate" } } })).toThrow(/invalid backend\.local\.path "\/abs\/terraform.tfstate"/);
    expect(() => build({ ...props, namespace: "Shop_Prod" })).toThrow(ReadystackConfigError);
    expect(() => build({ ...props, namespace: "Shop_Prod" })).toThrow(/invalid namespace "Shop_Prod"/);
  });

  test("cert-manager and the controller in one namespace share one set of NetworkPolicies with both their flows", () => {
    const props = referenceProps();
    const { stack, json: shared } = build({ ...props, ingress: { ...props.ingress, certManagerNamespace: "edge", controllerNamespace: "edge" } });
    expect(stack.controllerNetworkPolicies).toBe(stack.certManagerNetworkPolicies);
    const names = Object.values(shared.resource.kubernetes_network_policy_v1 as Json)
      .filter((p: Json) => p.metadata.namespace === "edge")
      .map((p: Json) => p.metadata.name as string)
      .sort();
    expect(names).toEqual(expect.arrayContaining(["default-deny", "kube-apiserver-to-webhook-ingress", "internet-to-controller-ingress", "controller-to-api-egress"]));
    expect(names.filter((n) => n === "default-deny")).toHaveLength(1);
  });

  test("cert-manager or the controller in the app or logging namespace is a clear error", () => {
    const props = referenceProps();
    expect(() => build({ ...props, ingress: { ...props.ingress, certManagerNamespace: "offgridflow" } })).toThrow(
      /invalid ingress\.certManagerNamespace "offgridflow"; expected a namespace apart from the app and logging namespaces/,
    );
    expect(() => build({ ...props, ingress: { ...props.ingress, controllerNamespace: "logging" } })).toThrow(
      /invalid ingress\.controllerNamespace "logging"; expected a namespace apart from the app and logging namespaces/,
    );
  });

  test("preventDestroy: false turns the protection off for dev stacks", () => {
    const dev = build({ ...referenceProps(), preventDestroy: false }).json;
    expect(JSON.stringify(dev)).not.toContain('"prevent_destroy":true');
    expect(JSON.stringify(json)).toContain('"prevent_destroy":true');
  });
});

describe("ReadyStack defaults and backend validation", () => {
  test("with no logging props it ships with Grafana Alloy and passes strict readiness without a waiver", () => {
    const { logging: _unused, ...props } = referenceProps();
    const stack = new ReadyStack(Testing.app(), "plain", props);
    expect(stack.logging.shipper).toBe("alloy");
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("strict synth asks for backup.offsite: RS-BACKUP fails without it, passes with it or with a waiver giving the reason", () => {
    const { backup, logging: _promtail, ...rest } = referenceProps(); // Alloy: no other waiver needed
    const { offsite: _offsite, ...localOnly } = backup ?? {};
    const without = new ReadyStack(Testing.app(), "local", { ...rest, backup: localOnly });
    let message = "";
    try {
      Testing.synth(without, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^readiness check failed for stack local: 1 error finding\(s\)/);
    expect(message).toMatch(/RS-BACKUP kubernetes_cron_job_v1\.\S+ \(local\/backup\/backup\): .*keeps its dumps only in the cluster.*ReadyStack `backup\.offsite`/);
    expect(message).toContain("If the cluster's storage is already replicated off-site, waive RS-BACKUP with that reason.");
    const withOffsite = new ReadyStack(Testing.app(), "offsite", { ...rest, backup });
    expect(() => Testing.synth(withOffsite, true)).not.toThrow();
    const waived = new ReadyStack(Testing.app(), "waived", { ...rest, backup: localOnly });
    Readiness.waive(waived.backup, "RS-BACKUP", "the cluster's volumes are replicated to a second region by the storage layer");
    expect(() => Testing.synth(waived, true)).not.toThrow();
  });

  test.each([
    [{ kubernetes: null }, /invalid backend\.kubernetes null; expected an object with secretSuffix/],
    [{ kubernetes: {} }, /invalid backend\.kubernetes\.secretSuffix undefined; expected a non-empty string \(the kubernetes backend requires secretSuffix\)/],
    [{ s3: { bucket: "b" } }, /invalid backend\.s3\.key undefined/],
    [{ local: null }, /invalid backend\.local null/],
    [null, /invalid backend null/],
  ])("backend %j is refused with a clear error", (backend, message) => {
    expect(() => new ReadyStack(Testing.app(), "shop", { ...referenceProps(), backend: backend as never })).toThrow(message);
  });
});
