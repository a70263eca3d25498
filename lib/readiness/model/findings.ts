/** How a finding points at what is wrong: the Terraform resource, and the object inside it when it is one of several. */
import type { ResourceView } from "../types";
import type { ModelObject } from "./object";

/** Where a finding points. */
export interface FindingTarget {
  /** Terraform address. */
  readonly address: string;
  /** Construct path, when known. */
  readonly constructPath?: string;
  /** `Kind/namespace/name` of the object inside a helm_release. */
  readonly objectRef?: string;
}

/** A finding as rules return it. */
export interface RuleFinding extends Partial<FindingTarget> {
  /** What is wrong. */
  readonly message: string;
  /** What to change. */
  readonly remediation?: string;
}

/** Address + construct path of a resource, for a finding. */
export function targetOf(resource: ResourceView): FindingTarget {
  return resource.constructPath === undefined
    ? { address: resource.address }
    : { address: resource.address, constructPath: resource.constructPath };
}

/** Address, construct path and objectRef of a model object, for a finding. */
export function objectTarget(o: ModelObject): FindingTarget {
  const t = targetOf(o.resource);
  return o.objectRef === undefined ? t : { ...t, objectRef: o.objectRef };
}

/** A finding on a resource. */
export function findingAt(resource: ResourceView, message: string, remediation?: string): RuleFinding {
  return remediation === undefined ? { ...targetOf(resource), message } : { ...targetOf(resource), message, remediation };
}

/** A finding on a model object (its objectRef included for objects inside a helm_release). */
export function findingOn(o: ModelObject, message: string, remediation?: string): RuleFinding {
  return remediation === undefined ? { ...objectTarget(o), message } : { ...objectTarget(o), message, remediation };
}

/** How messages name an object: its address, plus its objectRef when it is one object of a release. */
export function objectLabel(o: ModelObject): string {
  return o.objectRef === undefined ? o.address : `${o.address} ${o.objectRef}`;
}

/** A key unique per object of the model (address, plus objectRef inside a release). */
export function objectKey(o: ModelObject): string {
  return o.objectRef === undefined ? o.address : `${o.address}#${o.objectRef}`;
}
