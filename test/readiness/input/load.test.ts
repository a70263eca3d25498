import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { TerraformInputError } from "../../../lib/readiness/input/errors";
import { isHclInput, loadTerraformInput, loadTerraformInputs, type LoadedTerraform } from "../../../lib/readiness/input/load";
import { decodeValuesString } from "../../../lib/readiness/model/hcl-constants";
import { CLI_FIXTURES } from "../../support/cli-harness";
import { FOREIGN_FIXTURES, foreignFixtures } from "./fixtures";

type Body = Record<string, unknown>;

/** Resource counts by type. */
function counts(loaded: LoadedTerraform): Record<string, number> {
  return Object.fromEntries(Object.entries(loaded.json.resource ?? {}).map(([type, byName]) => [type, Object.keys(byName).length]));
}

function resource(loaded: LoadedTerraform, type: string, name: string): Body {
  const body = loaded.json.resource?.[type]?.[name];
  if (!body) throw new Error(`${type}.${name} not loaded`);
  return body;
}

const EXPECTED: Record<string, Record<string, number>> = {
  "bare-pod": { kubernetes_config_map: 1, kubernetes_pod: 1 },
  "cdktf-hcl": { helm_release: 1, kubernetes_deployment_v1: 1, kubernetes_service_v1: 1 },
  cronjob: { kubernetes_cron_job_v1: 1 },
  daemonset: { kubernetes_daemon_set_v1: 1 },
  "helm-values": { helm_release: 2 },
  "ingress-legacy": { kubernetes_ingress: 1, kubernetes_namespace: 1, kubernetes_service: 1 },
  "ingress-v1-tls": { kubernetes_ingress_v1: 1, kubernetes_pod_v1: 1, kubernetes_service_v1: 1 },
  "manifest-vault": { kubernetes_manifest: 3 },
  "module-call": { kubernetes_namespace_v1: 1 },
  "monitoring-stack": { kubernetes_config_map_v1: 1, kubernetes_deployment_v1: 3, kubernetes_namespace_v1: 1, kubernetes_service_v1: 3 },
  "nginx-deployment-service": { kubernetes_deployment: 1, kubernetes_namespace: 1, kubernetes_service: 1 },
  "rbac-cluster-admin": { kubernetes_cluster_role_binding: 1, kubernetes_role_v1: 1, kubernetes_service_account: 1 },
  "replication-controller": { kubernetes_replication_controller: 1 },
  "statefulset-volume-claims": { kubernetes_service_v1: 1, kubernetes_stateful_set_v1: 1 },
};

describe("loadTerraformInput on the foreign fixtures", () => {
  const fixtures = foreignFixtures();
  let loaded: Map<string, LoadedTerraform>;

  beforeAll(() => {
    // One parser run for every fixture.
    const all = loadTerraformInputs(fixtures.map((f) => f.path));
    expect(all).toHaveLength(fixtures.length);
    loaded = new Map(fixtures.map((f, i) => [f.name, all[i]]));
  });

  it("covers every fixture directory", () => {
    expect(fixtures.map((f) => f.name)).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s: parses the HCL and keeps every resource", (name, expected) => {
    const stack = loaded.get(name) as LoadedTerraform;
    expect(stack.format).toBe("hcl");
    expect(stack.source).toBeUndefined();
    expect(counts(stack)).toEqual(expected);
    for (const byName of Object.values(stack.json.resource ?? {})) {
      for (const body of Object.values(byName)) expect(Array.isArray(body)).toBe(false);
    }
  });

  it("merges every .tf file of a module directory, in name order", () => {
    const stack = loaded.get("monitoring-stack") as LoadedTerraform;
    expect(stack.file).toBe(join(FOREIGN_FIXTURES, "monitoring-stack"));
    expect(stack.files.map((f) => f.slice(stack.file.length + 1))).toEqual(["alertmanager.tf", "grafana.tf", "namespace.tf", "prometheus.tf", "versions.tf"]);
    expect(stack.locations.get("kubernetes_deployment_v1.grafana")).toEqual({ file: join(stack.file, "grafana.tf"), line: 1 });
    expect(stack.locations.get("kubernetes_deployment_v1.prometheus")).toEqual({ file: join(stack.file, "prometheus.tf"), line: 22 });
  });

  it("writes Terraform's own blocks as cdktf does: terraform, required_providers and backend as objects", () => {
    const tf = (loaded.get("monitoring-stack") as LoadedTerraform).json.terraform;
    expect(tf).toEqual({
      required_version: ">= 1.5.0",
      required_providers: { kubernetes: { source: "hashicorp/kubernetes", version: "2.38.0" } },
      backend: { s3: { bucket: "example-terraform-state", key: "monitoring/terraform.tfstate", region: "eu-west-1" } },
    });
    expect((loaded.get("monitoring-stack") as LoadedTerraform).json.provider).toEqual({ kubernetes: [{ config_path: "~/.kube/config" }] });
  });

  it("writes single nested blocks as objects and repeated ones as lists, as cdktf does; references stay ${...}", () => {
    const deployment = resource(loaded.get("nginx-deployment-service") as LoadedTerraform, "kubernetes_deployment", "nginx");
    expect(deployment.metadata).toEqual({ name: "scalable-nginx", namespace: "${kubernetes_namespace.web.metadata.0.name}", labels: { App: "ScalableNginx" } });
    const spec = deployment.spec as Body;
    expect(spec.selector).toEqual({ match_labels: { App: "ScalableNginx" } });
    const containers = ((spec.template as Body).spec as Body).container as Body[];
    expect(containers).toHaveLength(1);
    expect(containers[0]).toMatchObject({ image: "nginx:1.27.3", name: "nginx", port: [{ container_port: 80 }] });
    expect(containers[0].resources).toEqual({ limits: { cpu: "0.5", memory: "512Mi" }, requests: { cpu: "250m", memory: "50Mi" } });
    expect(containers[0].liveness_probe).toEqual({
      http_get: { path: "/", port: 80, http_header: [{ name: "X-Custom-Header", value: "Awesome" }] },
      initial_delay_seconds: 3,
      period_seconds: 3,
    });
    const binding = resource(loaded.get("rbac-cluster-admin") as LoadedTerraform, "kubernetes_cluster_role_binding", "deployer");
    expect(binding.role_ref).toEqual({ api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" });
    expect(binding.subject).toHaveLength(3);
    const cronjob = resource(loaded.get("cronjob") as LoadedTerraform, "kubernetes_cron_job_v1", "report");
    expect(((cronjob.spec as Body).job_template as Body).metadata).toEqual({});
    expect((loaded.get("nginx-deployment-service") as LoadedTerraform).json.output).toEqual({
      lb_ip: { value: "${kubernetes_service.nginx.status.0.load_balancer.0.ingress.0.ip}" },
    });
  });

  it("keeps kubernetes_manifest objects, locals and variables", () => {
    const stack = loaded.get("manifest-vault") as LoadedTerraform;
    const manifest = resource(stack, "kubernetes_manifest", "statefulset").manifest as Body;
    expect(manifest).toMatchObject({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "${var.name}-vault", namespace: "${var.namespace}" } });
    expect(stack.json.variable).toEqual({ name: { type: "string", default: "secrets" }, namespace: { type: "string", default: "secrets" }, image: { type: "string", default: "hashicorp/vault:1.17.2" } });
    expect(Object.keys(stack.json.locals ?? {})).toEqual(["labels", "server_command"]);
    expect((stack.json.locals as Body).server_command).toContain("-dev-listen-address=$${POD_IP}:8200\n");
  });

  it("keeps module calls (not followed) next to the resources", () => {
    const stack = loaded.get("module-call") as LoadedTerraform;
    expect(stack.json.module).toEqual({
      vpc: { source: "terraform-aws-modules/vpc/aws", version: "5.13.0", name: "main", cidr: "10.0.0.0/16" },
      app: { source: "./modules/app", name: "billing", image: "example/billing:2.4.1", replicas: 3 },
    });
    expect(stack.files).toEqual([join(FOREIGN_FIXTURES, "module-call", "main.tf")]);
  });

  it("decodes Helm values written as yamlencode of a constant; names file(...) as unresolved", () => {
    const stack = loaded.get("helm-values") as LoadedTerraform;
    const podinfo = resource(stack, "helm_release", "podinfo");
    expect(podinfo.set).toEqual([{ name: "service.type", value: "ClusterIP" }]);
    expect(decodeValuesString((podinfo.values as string[])[0])).toEqual({
      ok: true,
      form: "yamlencode",
      value: {
        replicaCount: 2,
        ui: { message: "hello from terraform", color: "#34577c" },
        resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } },
      },
    });
    const metrics = resource(stack, "helm_release", "metrics_server");
    expect((metrics.values as string[]).map((v) => decodeValuesString(v))).toEqual([
      { ok: false, reason: "the function call file(...) is not constant", expression: '${file("${path.module}/values/metrics-server.yaml")}' },
    ]);
  });

  it("reads cdktf synth --hcl output through its manifest, as the stack it names", () => {
    const stack = loaded.get("cdktf-hcl") as LoadedTerraform;
    expect(stack.stack).toBe("web");
    expect(stack.file).toBe(join(FOREIGN_FIXTURES, "cdktf-hcl", "cdktf.out", "stacks", "web", "cdk.tf"));
    expect(stack.json.terraform).toMatchObject({ backend: { local: { path: "terraform.web.tfstate" } }, required_providers: { kubernetes: { version: "2.38.0" } } });
    const values = resource(stack, "helm_release", "podinfo").values as string[];
    expect(values.map((v) => decodeValuesString(v).ok)).toEqual([false, true]);
    expect(decodeValuesString(values[0])).toMatchObject({ reason: "the reference kubernetes_deployment_v1.echo.metadata[0].name is not constant" });
    expect(decodeValuesString(values[1])).toEqual({ ok: true, form: "yamlencode", value: { resources: { requests: { cpu: "100m" } } } });
  });

  it("tells HCL inputs from JSON ones", () => {
    expect(isHclInput(join(FOREIGN_FIXTURES, "cronjob"))).toBe(true);
    expect(isHclInput(join(FOREIGN_FIXTURES, "cronjob", "main.tf"))).toBe(true);
    expect(isHclInput(join(FOREIGN_FIXTURES, "cdktf-hcl", "cdktf.out"))).toBe(true);
    expect(isHclInput(join(CLI_FIXTURES, "cdktf.out"))).toBe(false);
    expect(isHclInput(join(CLI_FIXTURES, "hand-written", "main.tf.json"))).toBe(false);
    expect(isHclInput(join(FOREIGN_FIXTURES, "does-not-exist"))).toBe(false);
  });
});

describe("loadTerraformInput on JSON", () => {
  it("reads a cdktf.out directory stack by stack, with the JSON text for line numbers", () => {
    const stacks = loadTerraformInput(join(CLI_FIXTURES, "cdktf.out"));
    expect(stacks.map((s) => [s.stack, s.format])).toEqual([
      ["web", "cdk.tf.json"],
      ["worker", "cdk.tf.json"],
    ]);
    expect(stacks[0].source).toContain('"resource"');
  });
});

describe("loadTerraformInput on bad input", () => {
  let temp: string;
  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), "readystack-input-"));
  });
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  function error(run: () => unknown): TerraformInputError {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(TerraformInputError);
      return e as TerraformInputError;
    }
    throw new Error("expected a TerraformInputError");
  }

  it("a directory without Terraform files names what is accepted", () => {
    mkdirSync(join(temp, "empty"));
    writeFileSync(join(temp, "empty", "notes.txt"), "nothing here\n");
    const e = error(() => loadTerraformInput(join(temp, "empty"), { cwd: temp }));
    expect(e.message).toBe(
      "empty: no stacks found and no Terraform files (expected a cdktf.out directory, a stack directory or cdk.tf.json file, a directory of Terraform .tf files, one .tf file, or cdktf synth --hcl output (cdk.tf))",
    );
  });

  it("a missing path", () => {
    expect(error(() => loadTerraformInput(join(temp, "nope"), { cwd: temp })).message).toMatch(/^nope: no such file or directory \(expected a cdktf\.out directory/);
  });

  it("an HCL syntax error names the file, the line and the parser's message; a duplicate names both files", () => {
    mkdirSync(join(temp, "broken"));
    writeFileSync(join(temp, "broken", "ok.tf"), 'resource "kubernetes_namespace_v1" "a" {\n  metadata {\n    name = "a"\n  }\n}\n');
    writeFileSync(join(temp, "broken", "main.tf"), 'resource "kubernetes_namespace_v1" "b" {\n  metadata {\n    name = \n  }\n}\n');
    const e = error(() => loadTerraformInput(join(temp, "broken"), { cwd: temp }));
    expect(e.file).toBe(join("broken", "main.tf"));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^broken\/main\.tf:3: not valid Terraform HCL \(column \d+: Invalid expression; Expected the start of an expression/);

    mkdirSync(join(temp, "dup"));
    writeFileSync(join(temp, "dup", "a.tf"), 'resource "kubernetes_namespace_v1" "x" {\n  metadata {\n    name = "a"\n  }\n}\n');
    writeFileSync(join(temp, "dup", "b.tf"), 'resource "kubernetes_namespace_v1" "x" {\n  metadata {\n    name = "b"\n  }\n}\n');
    const d = error(() => loadTerraformInput(join(temp, "dup"), { cwd: temp }));
    expect(d.message).toBe("dup/b.tf: kubernetes_namespace_v1.x is already declared in dup/a.tf (Terraform allows one)");
  });

  it("a file that cannot be read (a dangling link) is bad input naming it, not a crash", () => {
    mkdirSync(join(temp, "dangling"));
    symlinkSync(join(temp, "nowhere.tf"), join(temp, "dangling", "main.tf"));
    expect(error(() => loadTerraformInput(join(temp, "dangling"), { cwd: temp })).message).toBe("dangling/main.tf: cannot be read (ENOENT)");
    expect(isHclInput(join(temp, "dangling"))).toBe(false);
  });

  it("a manifest naming a stack file that is not there", () => {
    mkdirSync(join(temp, "out"));
    writeFileSync(join(temp, "out", "manifest.json"), JSON.stringify({ stacks: { web: { synthesizedStackPath: "stacks/web/cdk.tf" } } }));
    expect(error(() => loadTerraformInput(join(temp, "out"), { cwd: temp })).message).toBe("out/stacks/web/cdk.tf: no such file (listed in manifest.json)");
  });
});
