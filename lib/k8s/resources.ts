/** CPU and memory for one container. Requests and limits are always both set. */
export interface ContainerResources {
  /** CPU request, e.g. `250m`. */
  readonly cpuRequest: string;
  /** Memory request, e.g. `256Mi`. */
  readonly memoryRequest: string;
  /** CPU limit, e.g. `1`. */
  readonly cpuLimit: string;
  /** Memory limit, e.g. `512Mi`. */
  readonly memoryLimit: string;
}

/** The provider's `resources` block for a container. */
export function resourcesBlock(r: ContainerResources): { requests: Record<string, string>; limits: Record<string, string> } {
  return {
    requests: { cpu: r.cpuRequest, memory: r.memoryRequest },
    limits: { cpu: r.cpuLimit, memory: r.memoryLimit },
  };
}

/** Merge user overrides into defaults, field by field. */
export function withResourceDefaults(defaults: ContainerResources, overrides?: Partial<ContainerResources>): ContainerResources {
  return { ...defaults, ...(overrides ?? {}) };
}
