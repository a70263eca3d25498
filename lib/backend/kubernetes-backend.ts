import { TerraformBackend, TerraformRemoteState } from "cdktf";
import { Construct } from "constructs";

/**
 * Terraform's `kubernetes` backend (state in a Secret of the cluster it manages), which cdktf 0.21
 * has no class for. https://developer.hashicorp.com/terraform/language/backend/kubernetes
 */
export interface KubernetesBackendConfig {
  /** Suffix of the state Secret's name (`tfstate-<workspace>-<suffix>`). */
  readonly secretSuffix: string;
  /** Namespace of the state Secret. @default "default" (Terraform's default) */
  readonly namespace?: string;
  /** Kubeconfig path. @default - KUBE_CONFIG_PATH from the environment at plan time */
  readonly configPath?: string;
  /** Kubeconfig context. @default - KUBE_CTX from the environment, else the current context */
  readonly configContext?: string;
  /** Labels for the state Secret. @default - none */
  readonly labels?: Record<string, string>;
}

/** The state backend for a stack that lives in Kubernetes: a Secret in the cluster, with locking. */
export class KubernetesBackend extends TerraformBackend {
  private readonly props: KubernetesBackendConfig;

  constructor(scope: Construct, props: KubernetesBackendConfig) {
    super(scope, "backend", "kubernetes");
    this.props = props;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return snakeCaseKeys(this.props);
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return snakeCaseKeys(this.props);
  }

  public getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): TerraformRemoteState {
    return new DataTerraformRemoteStateKubernetes(scope, name, { ...snakeCaseKeys(this.props), workspace: "${terraform.workspace}" });
  }
}

/** `terraform_remote_state` over the kubernetes backend. */
export class DataTerraformRemoteStateKubernetes extends TerraformRemoteState {
  constructor(scope: Construct, id: string, config: Record<string, unknown>) {
    super(scope, id, "kubernetes", config);
  }
}

function snakeCaseKeys(props: KubernetesBackendConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (v !== undefined) out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  }
  return out;
}
