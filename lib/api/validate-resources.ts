import { ContainerResources } from "../k8s/resources";
import { PropValidator } from "../k8s/validate";

/**
 * Merge resource overrides into defaults and validate them: every quantity well-formed and each
 * request at most its limit. `field` is the prop name used in error messages (e.g. `resources`).
 */
export function validatedResources(
  v: PropValidator,
  field: string,
  defaults: ContainerResources,
  overrides?: Partial<ContainerResources>,
): ContainerResources {
  return v.resources(field, defaults, overrides);
}
