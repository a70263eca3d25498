import {
  AzurermBackend,
  AzurermBackendConfig,
  GcsBackend,
  GcsBackendConfig,
  LocalBackend,
  PgBackend,
  PgBackendConfig,
  S3Backend,
  S3BackendConfig,
  TerraformStack,
} from "cdktf";
import { ReadystackConfigError } from "../errors";
import { KubernetesBackend, KubernetesBackendConfig } from "./kubernetes-backend";

/**
 * Where Terraform keeps the stack's state. Always explicit: cdktf's implicit local backend embeds the
 * absolute working directory in cdk.tf.json, and a production stack wants remote state with locking.
 * Exactly one key.
 */
export interface StateBackendConfig {
  /** State in a Secret of the cluster (Terraform's kubernetes backend). */
  readonly kubernetes?: KubernetesBackendConfig;
  /** State in S3 (with DynamoDB or S3 lock). */
  readonly s3?: S3BackendConfig;
  /** State in Google Cloud Storage. */
  readonly gcs?: GcsBackendConfig;
  /** State in Azure Blob Storage. */
  readonly azurerm?: AzurermBackendConfig;
  /** State in PostgreSQL. */
  readonly pg?: PgBackendConfig;
  /** State in a local file, relative to the stack's output folder (dev only; the readiness engine warns). */
  readonly local?: { readonly path: string };
}

/** Configure the stack's backend from a {@link StateBackendConfig}; exactly one kind must be given. */
export function configureStateBackend(stack: TerraformStack, field: string, config: StateBackendConfig | undefined): void {
  const kinds = config ? (Object.keys(config) as (keyof StateBackendConfig)[]).filter((k) => config[k] !== undefined) : [];
  const accepted = "exactly one of { kubernetes }, { s3 }, { gcs }, { azurerm }, { pg } or { local: { path } }";
  if (!config || kinds.length !== 1) throw new ReadystackConfigError(stack.node.path, field, config, accepted);
  switch (kinds[0]) {
    case "kubernetes":
      new KubernetesBackend(stack, config.kubernetes!);
      return;
    case "s3":
      new S3Backend(stack, config.s3!);
      return;
    case "gcs":
      new GcsBackend(stack, config.gcs!);
      return;
    case "azurerm":
      new AzurermBackend(stack, config.azurerm!);
      return;
    case "pg":
      new PgBackend(stack, config.pg!);
      return;
    case "local": {
      const path = config.local!.path;
      if (typeof path !== "string" || path === "" || path.startsWith("/")) {
        throw new ReadystackConfigError(stack.node.path, `${field}.local.path`, path, "a relative path such as \"terraform.tfstate\"");
      }
      new LocalBackend(stack, { path });
      return;
    }
    default:
      throw new ReadystackConfigError(stack.node.path, field, config, accepted);
  }
}
