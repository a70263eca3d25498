import { Testing } from "cdktf";
import { ShopStack } from "../../examples/import-into-existing-stack";

describe("example: two constructs imported into an existing TerraformStack", () => {
  const stack = new ShopStack(Testing.app(), "shop");
  const json = JSON.parse(Testing.synth(stack));

  test("keeps the stack's own backend and adds the database and the API", () => {
    expect(json.terraform.backend.s3.bucket).toBe("shop-terraform-state");
    expect(Object.keys(json.resource.kubernetes_stateful_set_v1)).toHaveLength(1);
    expect(Object.keys(json.resource.kubernetes_deployment_v1)).toHaveLength(1);
  });

  test("the API reaches the database through its Service and Secret, not literals", () => {
    const deployment = Object.values(json.resource.kubernetes_deployment_v1)[0] as {
      spec: { template: { spec: { container: { env: { name: string; value?: string; value_from?: unknown }[] }[] } } };
    };
    const env = deployment.spec.template.spec.container[0].env;
    const byName = new Map(env.map((e) => [e.name, e]));
    expect(JSON.stringify(byName.get("PGHOST")?.value_from)).toContain("config_map_key_ref");
    const configMap = Object.values(json.resource.kubernetes_config_map_v1)[0] as { data: Record<string, string> };
    expect(configMap.data.PGHOST).toBe("postgres.shop.svc.cluster.local");
    expect(configMap.data.CURRENCY).toBe("EUR");
    expect(byName.get("DB_PASSWORD")?.value).toBeUndefined();
    expect(JSON.stringify(byName.get("DB_PASSWORD")?.value_from)).toContain("secret_key_ref");
    expect(byName.get("DATABASE_URL")?.value).toBe("postgresql://$(DB_USER):$(DB_PASSWORD)@postgres.shop.svc.cluster.local:5432/app");
  });

  test("synthesizes for real with the full synthesizer", () => {
    expect(() => Testing.fullSynth(new ShopStack(Testing.app(), "shop"))).not.toThrow();
  });
});
