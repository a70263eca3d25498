import { ContainerResources, withResourceDefaults } from "../k8s/resources";
import { parseQuantity, PropValidator } from "../k8s/validate";

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
  const r = withResourceDefaults(defaults, overrides);
  v.cpu(`${field}.cpuRequest`, r.cpuRequest);
  v.cpu(`${field}.cpuLimit`, r.cpuLimit);
  v.memory(`${field}.memoryRequest`, r.memoryRequest);
  v.memory(`${field}.memoryLimit`, r.memoryLimit);
  if (parseQuantity(r.cpuRequest)! > parseQuantity(r.cpuLimit)!) {
    v.fail(`${field}.cpuRequest`, r.cpuRequest, `a CPU request at most the CPU limit ${JSON.stringify(r.cpuLimit)}`);
  }
  if (parseQuantity(r.memoryRequest)! > parseQuantity(r.memoryLimit)!) {
    v.fail(`${field}.memoryRequest`, r.memoryRequest, `a memory request at most the memory limit ${JSON.stringify(r.memoryLimit)}`);
  }
  return r;
}
