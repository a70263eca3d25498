import { TerraformResource } from "cdktf";

/**
 * readystack records facts for the readiness engine in each resource's `//` metadata block of
 * cdk.tf.json (beside cdktf's own `metadata`): `//.readystack.<key>`. Terraform ignores `//` keys,
 * and the CLI reads them back from a synthesized cdktf.out/.
 */
export const METADATA_KEY = "readystack";

/** Record `value` under `//.readystack.<key>` of the resource. */
export function setReadystackMetadata(resource: TerraformResource, key: string, value: unknown): void {
  resource.addOverride(`//.${METADATA_KEY}.${key}`, value);
}
