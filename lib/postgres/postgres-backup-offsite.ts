import { ContainerResources } from "../k8s/resources";
import { PropValidator } from "../k8s/validate";
import { isCidr } from "../network/network-policies";
import { OffsiteProvider, OffsiteUploadCheck, PostgresBackupOffsite } from "./postgres-backup-props";
import { IMAGES } from "../versions";
import { EnvVar, validatedResources } from "./shared";

/** The official rclone image the uploader and downloader run (pinned in lib/versions.ts). */
export const RCLONE_IMAGE: string = IMAGES.rclone;

/** Default requests/limits of the off-site uploader/downloader containers. */
export const OFFSITE_DEFAULT_RESOURCES: ContainerResources = {
  cpuRequest: "50m",
  memoryRequest: "64Mi",
  cpuLimit: "1",
  memoryLimit: "256Mi",
};

/** Where the verify pod puts the downloaded off-site set (on its /tmp emptyDir). */
export const OFFSITE_DOWNLOAD_DIR = "/tmp/offsite";

const PROVIDERS: readonly OffsiteProvider[] = ["AWS", "Minio", "Ceph", "Cloudflare", "GCS", "Wasabi", "DigitalOcean", "Other"];
const UPLOAD_CHECKS: readonly OffsiteUploadCheck[] = ["hash", "download"];
/** S3 bucket names: 3-63 lower-case letters, digits, '.', '-', alphanumeric at both ends. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** S3 "safe" key characters, '/'-separated segments, none empty, "." or "..". */
const PREFIX_SEGMENT = /^[A-Za-z0-9!_.*'()-]+$/;
const REGION = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/** The resolved off-site settings. */
export interface ResolvedOffsite {
  readonly bucket: string;
  readonly prefix: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly forcePathStyle: boolean;
  readonly provider: OffsiteProvider;
  /** Secret holding the key pair, or undefined for workload identity / the SDK chain. */
  readonly secret?: { readonly name: string; readonly accessKeyIdKey: string; readonly secretAccessKeyKey: string };
  readonly identity: "secret" | "workload-identity" | "none";
  readonly serviceAccountName?: string;
  readonly retention: number;
  readonly retentionDays?: number;
  readonly local: boolean;
  readonly verifyUpload: OffsiteUploadCheck;
  readonly egressCidrs: string[];
  /** TCP port of the endpoint (443 for AWS S3 and https endpoints without a port). */
  readonly port: number;
  readonly image: string;
  readonly resources: ContainerResources;
}

function text(v: PropValidator, field: string, value: unknown, re: RegExp, accepted: string): string {
  if (PropValidator.isToken(value)) return value as string;
  if (typeof value !== "string" || !re.test(value)) v.fail(field, value, accepted);
  return value;
}

/** Validate `offsite` (field names `offsite.<name>`); `localRetention` is the default off-site retention. */
export function resolveOffsite(v: PropValidator, o: PostgresBackupOffsite, localRetention: number): ResolvedOffsite {
  if (o === null || typeof o !== "object" || Array.isArray(o)) v.fail("offsite", o, "an object { bucket, credentials, prefix?, region?, endpoint?, ... }");
  const bucket = text(v, "offsite.bucket", o.bucket, BUCKET, "an S3 bucket name: 3-63 lower-case letters, digits, '.' and '-', starting and ending alphanumeric");
  let prefix = "";
  if (o.prefix !== undefined) {
    const accepted = "a key prefix without leading or trailing '/', of '/'-separated segments of letters, digits and !_.*'()- (no empty, '.' or '..' segment), at most 512 characters";
    if (PropValidator.isToken(o.prefix)) prefix = o.prefix;
    else if (
      typeof o.prefix !== "string" ||
      o.prefix === "" ||
      o.prefix.length > 512 ||
      !o.prefix.split("/").every((seg) => PREFIX_SEGMENT.test(seg) && seg !== "." && seg !== "..")
    ) {
      v.fail("offsite.prefix", o.prefix, accepted);
    } else prefix = o.prefix;
  }
  const region = text(v, "offsite.region", o.region ?? "us-east-1", REGION, 'a region name such as "eu-central-1", or "auto" (Cloudflare R2)');

  let endpoint: string | undefined;
  let port = 443;
  if (o.endpoint !== undefined) {
    const accepted = 'an http(s) URL of the S3 endpoint without credentials, path or query, such as "https://minio.example.com:9000"';
    if (PropValidator.isToken(o.endpoint)) endpoint = o.endpoint;
    else {
      if (typeof o.endpoint !== "string") v.fail("offsite.endpoint", o.endpoint, accepted);
      let url: URL | undefined;
      try {
        url = new URL(o.endpoint);
      } catch {
        v.fail("offsite.endpoint", o.endpoint, accepted);
      }
      if (
        !/^https?:\/\/[^/?#@\s]+\/?$/.test(o.endpoint) ||
        (url.protocol !== "https:" && url.protocol !== "http:") ||
        url.username !== "" ||
        url.password !== "" ||
        url.hostname === ""
      ) {
        v.fail("offsite.endpoint", o.endpoint, accepted);
      }
      endpoint = o.endpoint.replace(/\/$/, "");
      port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
    }
  }
  const forcePathStyle = v.bool("offsite.forcePathStyle", o.forcePathStyle ?? endpoint !== undefined);
  const provider = v.oneOf("offsite.provider", o.provider ?? (endpoint === undefined ? "AWS" : "Other"), PROVIDERS);

  const c: unknown = o.credentials;
  let secret: ResolvedOffsite["secret"];
  let identity: ResolvedOffsite["identity"];
  if (c === "workload-identity" || c === "none") identity = c;
  else if (c !== null && typeof c === "object" && !Array.isArray(c)) {
    const s = c as { secretName?: unknown; accessKeyIdKey?: unknown; secretAccessKeyKey?: unknown };
    identity = "secret";
    const keyAccepted = "a Secret data key: letters, digits, '-', '_' and '.'";
    secret = {
      name: v.dnsSubdomain("offsite.credentials.secretName", s.secretName),
      accessKeyIdKey: text(v, "offsite.credentials.accessKeyIdKey", s.accessKeyIdKey ?? "AWS_ACCESS_KEY_ID", SECRET_KEY, keyAccepted),
      secretAccessKeyKey: text(v, "offsite.credentials.secretAccessKeyKey", s.secretAccessKeyKey ?? "AWS_SECRET_ACCESS_KEY", SECRET_KEY, keyAccepted),
    };
  } else {
    v.fail("offsite.credentials", c, '{ secretName, accessKeyIdKey?, secretAccessKeyKey? } (an existing Secret), "workload-identity" or "none"');
  }
  const serviceAccountName = o.serviceAccountName === undefined ? undefined : v.dnsSubdomain("offsite.serviceAccountName", o.serviceAccountName);
  if (identity === "workload-identity" && serviceAccountName === undefined) {
    v.fail("offsite.serviceAccountName", undefined, 'the name of the ServiceAccount bound to the cloud identity (required with credentials "workload-identity")');
  }

  const retention = v.integer("offsite.retention", o.retention ?? localRetention, 1, 1000);
  const retentionDays = o.retentionDays === undefined ? undefined : v.integer("offsite.retentionDays", o.retentionDays, 1, 36500);
  const local = v.bool("offsite.local", o.local ?? true);
  const verifyUpload = v.oneOf("offsite.verifyUpload", o.verifyUpload ?? "hash", UPLOAD_CHECKS);
  const cidrs: unknown = o.egressCidrs ?? ["0.0.0.0/0"];
  if (!Array.isArray(cidrs) || cidrs.length === 0 || new Set(cidrs).size !== cidrs.length) {
    v.fail("offsite.egressCidrs", cidrs, 'a non-empty list of distinct IP ranges in CIDR form such as ["0.0.0.0/0"] or ["203.0.113.0/24"]');
  }
  const egressCidrs = cidrs.map((cidr: unknown, i: number) => {
    if (!isCidr(cidr)) v.fail(`offsite.egressCidrs[${i}]`, cidr, 'an IP range in CIDR form such as "203.0.113.0/24"');
    return cidr;
  });
  const image = v.image("offsite.image", o.image ?? RCLONE_IMAGE);
  const resources = validatedResources(v, "offsite.resources", OFFSITE_DEFAULT_RESOURCES, o.resources);
  return {
    bucket, prefix, region, endpoint, forcePathStyle, provider, secret, identity, serviceAccountName,
    retention, retentionDays, local, verifyUpload, egressCidrs, port, image, resources,
  };
}

/** The env offsite.sh reads in both containers: where the objects are, and the credentials by reference. */
export function offsiteEnv(o: ResolvedOffsite): EnvVar[] {
  const env: EnvVar[] = [
    { name: "OFFSITE_BUCKET", value: o.bucket },
    { name: "OFFSITE_PREFIX", value: o.prefix },
    { name: "OFFSITE_REGION", value: o.region },
    ...(o.endpoint !== undefined ? [{ name: "OFFSITE_ENDPOINT", value: o.endpoint }] : []),
    { name: "OFFSITE_PATH_STYLE", value: String(o.forcePathStyle) },
    { name: "OFFSITE_PROVIDER", value: o.provider },
    // rclone and offsite.sh write only to /tmp (the emptyDir); the root filesystem stays read-only.
    { name: "HOME", value: "/tmp" },
    { name: "TMPDIR", value: "/tmp" },
  ];
  if (o.secret) {
    env.push(
      { name: "AWS_ACCESS_KEY_ID", valueFrom: { secretKeyRef: { name: o.secret.name, key: o.secret.accessKeyIdKey } } },
      { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: o.secret.name, key: o.secret.secretAccessKeyKey } } },
    );
  }
  return env;
}
