import { Password } from "@cdktf/provider-random/lib/password";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { StatefulSetV1 } from "@cdktf/provider-kubernetes/lib/stateful-set-v1";
import { Construct } from "constructs";
import { validatedResources } from "../api/validate-resources";
import { RedisConnection, serviceHost } from "../k8s/connections";
import { selectorLabels, standardLabels } from "../k8s/labels";
import { COMPONENTS, setReadystackMetadata } from "../k8s/metadata";
import { execProbe } from "../k8s/probes";
import { ContainerResources, resourcesBlock } from "../k8s/resources";
import { secureContainerSecurityContext, securePodSecurityContext } from "../k8s/security";
import { parseImageReference, parseQuantity, PropValidator } from "../k8s/validate";
import { IMAGE_USERS, IMAGES } from "../versions";
import { memoryQuantityToBytes, REDIS_MAXMEMORY_POLICIES, RedisMaxmemoryPolicy, renderRedisConfig } from "./redis-config";
import type { RedisCacheProps } from "./redis-cache-props";

export type { RedisCacheProps } from "./redis-cache-props";

/** Redis listens here; the Service port and the container port are both named "redis". */
export const REDIS_PORT = 6379;

/** Default requests/limits of the Redis container. */
export const REDIS_DEFAULT_RESOURCES: ContainerResources = {
  cpuRequest: "100m",
  cpuLimit: "500m",
  memoryRequest: "384Mi",
  memoryLimit: "512Mi",
};

const CONFIG_DIR = "/etc/redis";
const DATA_DIR = "/data";

/**
 * A single-replica Redis on a StatefulSet: password from a Secret (generated or existing), redis.conf from a
 * ConfigMap, AOF persistence on a retained PVC, exec probes with redis-cli, hardened pod and container.
 */
export class RedisCache extends Construct {
  public readonly namespace: string;
  public readonly name: string;
  public readonly image: string;
  public readonly maxmemory: string;
  public readonly maxmemoryPolicy: RedisMaxmemoryPolicy;
  public readonly persistence: boolean;
  public readonly storageSize: string;
  public readonly storageClassName?: string;
  public readonly preventDestroy: boolean;
  public readonly resources: ContainerResources;
  /** Labels that select the Redis pod. */
  public readonly podSelector: Record<string, string>;

  public readonly statefulSet: StatefulSetV1;
  public readonly service: ServiceV1;
  /** The headless Service that governs the StatefulSet's pod DNS (its `serviceName`). */
  public readonly headlessService: ServiceV1;
  public readonly configMap: ConfigMapV1;
  /** The generated password Secret (absent with `existingSecretName`). */
  public readonly secret?: SecretV1;
  /** The generated password (absent with `existingSecretName`). */
  public readonly password?: Password;
  /** How clients reach and authenticate to this Redis. */
  public readonly connection: RedisConnection;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const v = new PropValidator(this);
    if (props === null || typeof props !== "object") v.fail("props", props, "a RedisCacheProps object");
    this.namespace = v.dnsLabel("namespace", props.namespace);
    this.name = v.dnsLabel("name", props.name ?? "redis", 52);
    this.image = v.image("image", props.image ?? IMAGES.redis);
    this.maxmemory = v.memory("maxmemory", props.maxmemory ?? "256Mi");
    if (memoryQuantityToBytes(this.maxmemory) === undefined) v.fail("maxmemory", this.maxmemory, "a memory quantity that comes to a whole number of bytes");
    this.maxmemoryPolicy = v.oneOf("maxmemoryPolicy", props.maxmemoryPolicy ?? "allkeys-lru", REDIS_MAXMEMORY_POLICIES);
    this.persistence = v.bool("persistence", props.persistence ?? true);
    this.storageSize = v.memory("storageSize", props.storageSize ?? "5Gi");
    if (props.storageClassName !== undefined) {
      this.storageClassName = v.dnsSubdomain("storageClassName", props.storageClassName, 'a StorageClass name (DNS subdomain) such as "fast-ssd" or "ebs.csi.aws.com"');
    }
    this.preventDestroy = v.bool("preventDestroy", props.preventDestroy ?? true);
    this.resources = validatedResources(v, "resources", REDIS_DEFAULT_RESOURCES, props.resources);
    if (parseQuantity(this.maxmemory)! >= parseQuantity(this.resources.memoryLimit)!) {
      v.fail("maxmemory", this.maxmemory, `a quantity below resources.memoryLimit ${JSON.stringify(this.resources.memoryLimit)} (leave headroom for Redis' own overhead, buffers and AOF rewrite)`);
    }
    if (props.existingSecretName !== undefined) {
      v.dnsSubdomain("existingSecretName", props.existingSecretName, "a Secret name (DNS subdomain: lower-case letters, digits, '-' and '.')");
    }
    if (props.existingSecretKey !== undefined && props.existingSecretName === undefined) {
      v.fail("existingSecretKey", props.existingSecretKey, "existingSecretKey only together with existingSecretName (a generated password always uses the key \"password\")");
    }
    const secretKey = props.existingSecretKey ?? "password";
    v.nonEmpty("existingSecretKey", secretKey);
    if (!/^[-._a-zA-Z0-9]+$/.test(secretKey)) v.fail("existingSecretKey", secretKey, "a Secret key: letters, digits, '-', '_' and '.'");

    const ref = parseImageReference(this.image)!;
    const labelInput = { name: "redis", instance: this.name, component: COMPONENTS.cache, version: ref.tag ?? ref.digest };
    const labels = standardLabels(labelInput);
    this.podSelector = selectorLabels(labelInput);
    const metadata = { name: this.name, namespace: this.namespace, labels };

    let secretName: string;
    if (props.existingSecretName !== undefined) {
      secretName = props.existingSecretName;
    } else {
      this.password = new Password(this, "password", { length: 32, special: false });
      this.secret = new SecretV1(this, "secret", {
        metadata: { name: `${this.name}-auth`, namespace: this.namespace, labels },
        type: "Opaque",
        data: { password: this.password.result },
      });
      secretName = this.secret.metadata.name;
    }
    const passwordSecret = { name: secretName, key: secretKey };

    this.configMap = new ConfigMapV1(this, "config", {
      metadata: { name: `${this.name}-config`, namespace: this.namespace, labels },
      data: {
        "redis.conf": renderRedisConfig({
          port: REDIS_PORT,
          maxmemory: this.maxmemory,
          maxmemoryPolicy: this.maxmemoryPolicy,
          appendonly: this.persistence,
          dir: DATA_DIR,
        }),
      },
    });

    const ports = [{ name: "redis", port: REDIS_PORT, targetPort: "redis", protocol: "TCP" }];
    this.service = new ServiceV1(this, "service", {
      metadata,
      spec: { type: "ClusterIP", selector: this.podSelector, port: ports },
    });
    this.headlessService = new ServiceV1(this, "headless-service", {
      metadata: { ...metadata, name: `${this.name}-headless` },
      spec: { clusterIp: "None", publishNotReadyAddresses: true, selector: this.podSelector, port: ports },
    });

    const uid = IMAGE_USERS.redis;
    const ping = ["sh", "-c", `redis-cli -h 127.0.0.1 -p ${REDIS_PORT} ping | grep -q PONG`];
    const passwordEnv = { secretKeyRef: { name: passwordSecret.name, key: passwordSecret.key } };
    const dataVolume = "data";

    this.statefulSet = new StatefulSetV1(this, "statefulset", {
      metadata,
      lifecycle: this.persistence && this.preventDestroy ? { preventDestroy: true } : undefined,
      waitForRollout: true,
      spec: {
        replicas: "1",
        serviceName: this.headlessService.metadata.name,
        podManagementPolicy: "OrderedReady",
        selector: { matchLabels: this.podSelector },
        updateStrategy: [{ type: "RollingUpdate" }],
        persistentVolumeClaimRetentionPolicy: this.persistence ? [{ whenDeleted: "Retain", whenScaled: "Retain" }] : undefined,
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: 30,
            securityContext: securePodSecurityContext(uid),
            container: [
              {
                name: "redis",
                image: this.image,
                imagePullPolicy: "IfNotPresent",
                args: ["redis-server", `${CONFIG_DIR}/redis.conf`, "--requirepass", "$(REDIS_PASSWORD)"],
                env: [
                  { name: "REDIS_PASSWORD", valueFrom: passwordEnv },
                  // redis-cli reads the password from REDISCLI_AUTH, so probes never put it on a command line.
                  { name: "REDISCLI_AUTH", valueFrom: passwordEnv },
                ],
                port: [{ name: "redis", containerPort: REDIS_PORT, protocol: "TCP" }],
                resources: resourcesBlock(this.resources),
                securityContext: secureContainerSecurityContext(uid),
                // Loading a large AOF can take a while; PING answers LOADING until done.
                startupProbe: execProbe(ping, { periodSeconds: 5, failureThreshold: 60 }),
                readinessProbe: execProbe(ping, { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 }),
                livenessProbe: execProbe(ping, { initialDelaySeconds: 10, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3 }),
                volumeMount: [
                  { name: "config", mountPath: CONFIG_DIR, readOnly: true },
                  { name: dataVolume, mountPath: DATA_DIR },
                  { name: "tmp", mountPath: "/tmp" },
                ],
              },
            ],
            volume: [
              { name: "config", configMap: { name: this.configMap.metadata.name, defaultMode: "0444" } },
              { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
              ...(this.persistence ? [] : [{ name: dataVolume, emptyDir: { sizeLimit: "64Mi" } }]),
            ],
          },
        },
        volumeClaimTemplate: this.persistence
          ? [
              {
                // volumeClaimTemplates are immutable: no version label, or an image bump would force a replacement.
                metadata: { name: dataVolume, labels: { ...this.podSelector, "app.kubernetes.io/part-of": labels["app.kubernetes.io/part-of"] } },
                spec: {
                  accessModes: ["ReadWriteOnce"],
                  storageClassName: this.storageClassName,
                  resources: { requests: { storage: this.storageSize } },
                },
              },
            ]
          : undefined,
      },
    });

    this.connection = {
      host: serviceHost(this.name, this.namespace),
      port: REDIS_PORT,
      passwordSecret,
      clientImage: this.image,
      podSelector: this.podSelector,
    };

    setReadystackMetadata(this.statefulSet, "component", COMPONENTS.cache);
    setReadystackMetadata(this.service, "component", COMPONENTS.cache);
    setReadystackMetadata(this.headlessService, "component", COMPONENTS.cache);
    setReadystackMetadata(this.configMap, "component", COMPONENTS.cache);
    if (this.secret) setReadystackMetadata(this.secret, "component", COMPONENTS.cache);
  }
}
