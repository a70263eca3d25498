/**
 * No secret value in cdk.tf.json; credential outputs sensitive; stateful resources protected by
 * prevent_destroy, and PVCs retained when a StatefulSet goes away.
 */
import { parse as parseYaml } from "yaml";
import { danglingInterpolations } from "../fuzz/support";
import { referenceStack } from "./reference-stack";
import { findSecretLiterals } from "./secret-scan";

const { stack, tf } = referenceStack();
const text = JSON.stringify(tf);
const address = (resource: { terraformResourceType: string; friendlyUniqueId: string }) => [resource.terraformResourceType, resource.friendlyUniqueId] as const;
const body = (resource: { terraformResourceType: string; friendlyUniqueId: string }) => {
  const [type, name] = address(resource);
  return tf.resource[type][name];
};

describe("no secret value in the reference stack's cdk.tf.json", () => {
  it("no secret-looking key or env variable holds a literal, also inside Helm values", () => {
    expect(findSecretLiterals(tf)).toEqual([]);
  });

  it("the scanner does find planted literals (so the check above can fail)", () => {
    const planted = JSON.parse(text);
    const deployment = Object.values(planted.resource.kubernetes_deployment_v1)[0] as { spec: { template: { spec: { container: { env: unknown[] }[] } } } };
    deployment.spec.template.spec.container[0].env.push({ name: "DB_PASSWORD", value: "hunter2" });
    const secret = Object.values(planted.resource.kubernetes_secret_v1)[0] as { data: Record<string, string> };
    secret.data.password = "hunter2";
    const release = Object.values(planted.resource.helm_release)[0] as { values: string[] };
    release.values.push("auth:\n  adminPassword: hunter2\n");
    const found = findSecretLiterals(planted);
    expect(found).toHaveLength(3);
    expect(found.some((f) => f.includes("env DB_PASSWORD"))).toBe(true);
    expect(found.some((f) => f.endsWith(".data.password = literal"))).toBe(true);
    expect(found.some((f) => f.includes("<yaml>.auth.adminPassword"))).toBe(true);
  });

  it("random_password results appear only as references, and only in the Secrets that hold them", () => {
    const references = [...text.matchAll(/\$\{random_password\.([^.}]+)\.result\}/g)];
    expect(references.length).toBe(Object.keys(tf.resource.random_password).length);
    for (const [name, secret] of Object.entries(tf.resource.kubernetes_secret_v1)) {
      for (const [key, value] of Object.entries(secret.data as Record<string, string>)) {
        if (/password/i.test(key)) expect(value).toMatch(/^\$\{random_password\.[^.}]+\.result\}$/);
        else expect(`${name}.${key}`).not.toMatch(/password/);
      }
    }
    for (const [type, resources] of Object.entries(tf.resource)) {
      if (type === "kubernetes_secret_v1") continue;
      expect(JSON.stringify(resources)).not.toContain("random_password.");
    }
    for (const password of Object.values(tf.resource.random_password)) {
      expect(password.special).toBe(false);
      expect(password.length).toBeGreaterThanOrEqual(32);
    }
  });

  it("Terraform outputs that carry credentials are sensitive (the reference stack has none)", () => {
    for (const [name, output] of Object.entries(tf.output ?? {})) {
      if (/random_password|kubernetes_secret|password|token/i.test(JSON.stringify(output.value)) || /password|secret|token/i.test(name)) {
        expect(output.sensitive).toBe(true);
      }
    }
    expect(Object.keys(tf.output ?? {})).toEqual([]);
  });

  it("every ${...} is a reference to a resource of the stack (user text and scripts are escaped)", () => {
    expect(danglingInterpolations(tf)).toEqual([]);
  });

  it("Helm values parse as YAML and carry no credential either", () => {
    for (const release of Object.values(tf.resource.helm_release)) {
      for (const values of release.values as string[]) expect(() => parseYaml(values)).not.toThrow();
    }
  });
});

describe("stateful resources are protected", () => {
  it.each([
    ["Postgres StatefulSet", () => stack.postgres.statefulSet],
    ["Postgres credentials Secret", () => stack.postgres.secret!],
    ["Postgres random_password", () => stack.postgres.password!],
    ["backup PVC", () => stack.backup.pvc!],
    ["Redis StatefulSet", () => stack.redis.statefulSet],
    ["Loki helm_release", () => stack.logging.lokiRelease],
  ])("%s carries prevent_destroy", (_name, resource) => {
    expect(body(resource()).lifecycle).toEqual({ prevent_destroy: true });
  });

  it.each([
    ["Postgres", () => stack.postgres.statefulSet],
    ["Redis", () => stack.redis.statefulSet],
  ])("%s StatefulSet retains its PVCs when deleted or scaled down", (_name, resource) => {
    const spec = body(resource()).spec;
    expect(spec.persistent_volume_claim_retention_policy).toEqual([{ when_deleted: "Retain", when_scaled: "Retain" }]);
    expect(spec.volume_claim_template.length).toBeGreaterThan(0);
  });

  it("Loki's chart StatefulSet retains its PVC (values), and the Terraform PVCs are not waited on for binding", () => {
    const values = parseYaml((body(stack.logging.lokiRelease).values as string[])[0]);
    expect(values.singleBinary.persistence).toMatchObject({ enabled: true, whenDeleted: "Retain", whenScaled: "Retain" });
    expect(body(stack.backup.pvc!).wait_until_bound).toBe(false);
  });
});
