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

/** Settings each backend cannot do without (Terraform's `init` rejects the backend otherwise). */
const REQUIRED_SETTINGS: Record<keyof StateBackendConfig, readonly string[]> = {
  kubernetes: ["secretSuffix"],
  s3: ["bucket", "key"],
  gcs: ["bucket"],
  azurerm: ["storageAccountName", "containerName", "key"],
  pg: ["connStr"],
  local: ["path"],
};

/** Configure the stack's backend from a {@link StateBackendConfig}; exactly one kind must be given. */
export function configureStateBackend(stack: TerraformStack, field: string, config: StateBackendConfig | undefined): void {
  const kinds = config ? (Object.keys(config) as (keyof StateBackendConfig)[]).filter((k) => config[k] !== undefined) : [];
  const accepted = "exactly one of { kubernetes }, { s3 }, { gcs }, { azurerm }, { pg } or { local: { path } }";
  if (config === null || typeof config !== "object" || kinds.length !== 1) throw new ReadystackConfigError(stack.node.path, field, config, accepted);
  const kind = kinds[0];
  const settings = config[kind] as unknown;
  const required = REQUIRED_SETTINGS[kind];
  if (settings === null || typeof settings !== "object" || Array.isArray(settings)) {
    throw new ReadystackConfigError(stack.node.path, `${field}.${kind}`, settings, `an object with ${required.join(", ")}`);
  }
  for (const key of required) {
    const value = (settings as Record<string, unknown>)[key];
    if (typeof value !== "string" || value.trim() === "") {
      throw new ReadystackConfigError(stack.node.path, `${field}.${kind}.${key}`, value, `a non-empty string (the ${kind} backend requires ${required.join(", ")})`);
    }
  }
  switch (kind) {
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
