import { Token } from "cdktf";
import { Construct } from "constructs";
import { ReadystackConfigError } from "../errors";
import { cronScheduleProblem } from "./cron-schedule";
import { ContainerResources } from "./resources";

/** Kubernetes CronJob schedule macros (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax). */
const CRON_MACROS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);
const QUANTITY = /^(\d+(\.\d+)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const CPU = /^(\d+(\.\d+)?|\.\d+)m?$/;
const MEMORY = /^(\d+(\.\d+)?)(k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** registry[:port]/path/name, then :tag and/or @sha256:<64 hex>. Lower-case repository, as Docker requires. */
const IMAGE = /^(?:(?<registry>[a-zA-Z0-9.-]+(?::\d+)?)\/)?(?<repo>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

/** A parsed image reference. */
export interface ImageReference {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Parse `registry/name:tag` or `name@sha256:...`; undefined when the text is not an image reference. */
export function parseImageReference(image: string): ImageReference | undefined {
  const m = IMAGE.exec(image);
  if (!m || !m.groups) return undefined;
  const registry = m.groups.registry;
  // "localhost:5000/x" vs "name:tag": a first segment without a dot, colon or "localhost" is part of the repo.
  if (registry !== undefined && !/[.:]/.test(registry) && registry !== "localhost") {
    return { repository: `${registry}/${m.groups.repo}`, tag: m.groups.tag, digest: m.groups.digest };
  }
  return {
    repository: registry ? `${registry}/${m.groups.repo}` : m.groups.repo,
    tag: m.groups.tag,
    digest: m.groups.digest,
  };
}

/** Parse a Kubernetes quantity into a number of base units (cores or bytes); undefined when malformed. */
export function parseQuantity(q: string): number | undefined {
  const m = QUANTITY.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[3] ?? "";
  const factors: Record<string, number> = {
    "": 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  };
  return n * factors[suffix];
}

/**
 * Validates one construct's props. Every failure throws {@link ReadystackConfigError} naming the
 * construct path, the field, the value and what is accepted. Each method returns the value it checked.
 * @internal
 */
export class PropValidator {
  private readonly path: string;

  constructor(scope: Construct) {
    this.path = scope.node.path;
  }

  /**
   * A Terraform token (e.g. another resource's attribute) cannot be checked at synth time; validators
   * accept it as is and Terraform checks it at plan time.
   */
  public static isToken(value: unknown): boolean {
    return (typeof value === "string" || typeof value === "number") && Token.isUnresolved(value);
  }

  /** Throw for `field` with `value`, explaining `accepted`. */
  public fail(field: string, value: unknown, accepted: string): never {
    throw new ReadystackConfigError(this.path, field, value, accepted);
  }

  /** A non-empty string without leading/trailing whitespace. */
  public nonEmpty(field: string, value: unknown): string {
    if (PropValidator.isToken(value)) return value as string;
    if (typeof value !== "string" || value.trim() === "" || value.trim() !== value) {
      this.fail(field, value, "a non-empty string without surrounding whitespace");
    }
    return value;
  }

  /** A whole number in [min, max]. */
  public integer(field: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
    if (PropValidator.isToken(value)) return value as number;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, value, max === Number.MAX_SAFE_INTEGER ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`);
    }
    return value;
  }

  /** A TCP/UDP port (1-65535). */
  public port(field: string, value: unknown): number {
    return this.integer(field, value, 1, 65535);
  }

  /** A percentage (1-100). */
  public percentage(field: string, value: unknown): number {
    return this.integer(field, value, 1, 100);
  }

  /** A boolean. */
  public bool(field: string, value: unknown): boolean {
    if (typeof value !== "boolean") this.fail(field, value, "true or false");
    return value;
  }

  /** One of a fixed set of strings. */
  public oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      this.fail(field, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
    }
    return value as T;
  }

  /** A Kubernetes CronJob schedule: five cron fields or a macro such as `@daily`. */
  public cron(field: string, value: unknown): string {
    if (PropValidator.isToken(value)) return value as string;
    const accepted = 'a 5-field cron schedule such as "0 3 * * *" or a macro such as "@daily"';
    if (typeof value !== "string" || value.trim() !== value || value === "") this.fail(field, value, accepted);
    if (value.startsWith("@")) {
      if (!CRON_MACROS.has(value)) this.fail(field, value, accepted);
      return value;
    }
    if (value.split(/\s+/).length !== 5) this.fail(field, value, accepted);
    const problem = cronScheduleProblem(value);
    if (problem !== undefined) this.fail(field, value, `${accepted} (${problem})`);
    return value;
  }

  /** A CPU quantity such as `250m`, `0.5` or `2`. */
  public cpu(field: string, value: unknown): string {
    if (PropValidator.isToken(value)) return value as string;
    if (typeof value !== "string" || !CPU.test(value) || !(parseQuantity(value)! > 0)) {
      this.fail(field, value, 'a positive CPU quantity such as "250m", "0.5" or "2"');
    }
    return value;
  }

  /** A memory or storage quantity such as `512Mi`, `10Gi` or `1G`. */
  public memory(field: string, value: unknown): string {
    if (PropValidator.isToken(value)) return value as string;
    if (typeof value !== "string" || !MEMORY.test(value) || !(parseQuantity(value)! > 0)) {
      this.fail(field, value, 'a positive byte quantity such as "512Mi", "10Gi" or "1G" (binary suffixes Ki, Mi, Gi, Ti)');
    }
    return value;
  }

  /** An image reference pinned by tag (not `latest`) or digest. */
  public image(field: string, value: unknown): string {
    if (PropValidator.isToken(value)) return value as string;
    const accepted = 'an image reference pinned by tag or digest, such as "postgres:17.6-bookworm" or "ghcr.io/org/app@sha256:<64 hex>" (not "latest")';
    if (typeof value !== "string") this.fail(field, value, accepted);
    const ref = parseImageReference(value);
    if (!ref || (ref.tag === undefined && ref.digest === undefined) || (ref.tag === "latest" && ref.digest === undefined)) {
      this.fail(field, value, accepted);
    }
    return value;
  }

  /** A DNS-1123 label (namespace, service and object names): lower-case alphanumerics and '-', at most 63. */
  public dnsLabel(field: string, value: unknown, maxLength = 63): string {
    if (PropValidator.isToken(value)) return value as string;
    if (typeof value !== "string" || value.length > maxLength || !DNS_LABEL.test(value)) {
      this.fail(field, value, `a DNS-1123 label: lower-case letters, digits and '-', starting and ending alphanumeric, at most ${maxLength} characters`);
    }
    return value;
  }

  /**
   * A DNS-1123 subdomain (Secret and StorageClass names): dot-separated DNS labels, at most 253 characters.
   * `accepted` words the error for the field (e.g. "a Secret name ..."); by default it describes the format.
   */
  public dnsSubdomain(field: string, value: unknown, accepted = "a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters"): string {
    if (PropValidator.isToken(value)) return value as string;
    if (typeof value !== "string" || value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
      this.fail(field, value, accepted);
    }
    return value;
  }

  /** A DNS hostname (for ingress hosts): dot-separated DNS labels, at most 253 characters, optionally `*.` wildcard first. */
  public hostname(field: string, value: unknown): string {
    if (PropValidator.isToken(value)) return value as string;
    const accepted = 'a lower-case DNS hostname such as "api.example.com" (labels of at most 63 characters, at most 253 in all)';
    if (typeof value !== "string" || value.length > 253) this.fail(field, value, accepted);
    const bare = value.startsWith("*.") ? value.slice(2) : value;
    if (!DNS_SUBDOMAIN.test(bare) || !bare.includes(".") || bare.split(".").some((l) => l.length > 63)) {
      this.fail(field, value, accepted);
    }
    return value;
  }

  /** A Kubernetes label value: at most 63 characters of [A-Za-z0-9._-], alphanumeric at both ends. */
  public labelValue(field: string, value: unknown): string {
    if (PropValidator.isToken(value)) return value as string;
    if (typeof value !== "string" || value.length > 63 || !LABEL_VALUE.test(value)) {
      this.fail(field, value, "a label value: at most 63 characters of letters, digits, '-', '_' and '.', alphanumeric at both ends");
    }
    return value;
  }

  /** An environment variable name. */
  public envName(field: string, value: unknown): string {
    if (PropValidator.isToken(value)) return value as string;
    if (typeof value !== "string" || !ENV_NAME.test(value)) {
      this.fail(field, value, "an environment variable name: letters, digits and '_', not starting with a digit");
    }
    return value;
  }

  /** A Go duration such as `30s`, `5m`, `744h` (as Loki and Terraform timeouts take them). */
  public duration(field: string, value: unknown): string {
    if (PropValidator.isToken(value)) return value as string;
    if (typeof value !== "string" || !GO_DURATION.test(value)) {
      this.fail(field, value, 'a duration such as "30s", "5m" or "744h"');
    }
    return value;
  }

  /** An absolute URL path starting with '/'. */
  public httpPath(field: string, value: unknown): string {
    if (PropValidator.isToken(value)) return value as string;
    if (typeof value !== "string" || !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(value)) {
      this.fail(field, value, 'an absolute HTTP path such as "/healthz"');
    }
    return value;
  }

  /**
   * Container requests/limits: `overrides` (an object or undefined) merged field by field into `defaults`,
   * every quantity well-formed and each request at most its limit (Kubernetes rejects the pod otherwise).
   */
  public resources(field: string, defaults: ContainerResources, overrides: unknown): ContainerResources {
    if (overrides !== undefined && overrides !== null && (typeof overrides !== "object" || Array.isArray(overrides))) {
      this.fail(field, overrides, "an object { cpuRequest?, memoryRequest?, cpuLimit?, memoryLimit? }");
    }
    const r: ContainerResources = { ...defaults, ...((overrides as Partial<ContainerResources> | null) ?? {}) };
    this.cpu(`${field}.cpuRequest`, r.cpuRequest);
    this.cpu(`${field}.cpuLimit`, r.cpuLimit);
    this.memory(`${field}.memoryRequest`, r.memoryRequest);
    this.memory(`${field}.memoryLimit`, r.memoryLimit);
    const tokens = [r.cpuRequest, r.cpuLimit, r.memoryRequest, r.memoryLimit].some((q) => PropValidator.isToken(q));
    if (!tokens && parseQuantity(r.cpuRequest)! > parseQuantity(r.cpuLimit)!) {
      this.fail(`${field}.cpuRequest`, r.cpuRequest, `a CPU request at most the CPU limit ${JSON.stringify(r.cpuLimit)}`);
    }
    if (!tokens && parseQuantity(r.memoryRequest)! > parseQuantity(r.memoryLimit)!) {
      this.fail(`${field}.memoryRequest`, r.memoryRequest, `a memory request at most the memory limit ${JSON.stringify(r.memoryLimit)}`);
    }
    return r;
  }

  /** Exactly one of two mutually exclusive props may be given. */
  public notBoth(fieldA: string, a: unknown, fieldB: string, b: unknown): void {
    if (a !== undefined && b !== undefined) {
      this.fail(`${fieldA}/${fieldB}`, { [fieldA]: a, [fieldB]: b }, `either ${fieldA} or ${fieldB}, not both`);
    }
  }
}
