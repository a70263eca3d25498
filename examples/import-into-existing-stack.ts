// Two readystack constructs in a TerraformStack of your own: a PostgreSQL database and an API that uses it.
// test/examples/import-into-existing-stack.test.ts synthesizes it.
import { App, TerraformStack, S3Backend } from "cdktf";
import { Construct } from "constructs";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { ApiService, PostgresDatabase } from "../lib";

/** An existing stack of yours, with its own backend and providers. */
export class ShopStack extends TerraformStack {
  public readonly database: PostgresDatabase;
  public readonly api: ApiService;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new S3Backend(this, { bucket: "shop-terraform-state", key: "shop/terraform.tfstate", region: "eu-central-1" });
    new KubernetesProvider(this, "kubernetes", {});
    new RandomProvider(this, "random");

    this.database = new PostgresDatabase(this, "db", { namespace: "shop", storageSize: "20Gi" });
    this.api = new ApiService(this, "api", {
      namespace: "shop",
      image: "ghcr.io/example/shop-api:2.3.0",
      database: this.database.connection,
      env: { CURRENCY: "EUR" },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ShopStack(app, "shop");
  app.synth();
}
