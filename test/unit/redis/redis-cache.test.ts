import { Testing, TerraformStack } from "cdktf";
import { RedisCache, RedisCacheProps } from "../../../lib/redis/redis-cache";
import { IMAGES } from "../../../lib/versions";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function synth(props: Partial<RedisCacheProps> = {}): { json: Json; raw: Json; redis: RedisCache } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const redis = new RedisCache(stack, "redis", { namespace: "shop", ...props });
  // Testing.synth drops the "//" metadata blocks; toTerraform() keeps them.
  return { json: JSON.parse(Testing.synth(stack)), raw: stack.toTerraform(), redis };
}

function only<T>(block: Record<string, T> | undefined): T {
  const values = Object.values(block ?? {});
  expect(values).toHaveLength(1);
  return values[0];
}

function build(props: Partial<RedisCacheProps>): () => RedisCache {
  return () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    return new RedisCache(stack, "redis", { namespace: "shop", ...props });
  };
}

describe("RedisCache defaults", () => {
  const { json, raw, redis } = synth();
  const sts = only<Json>(json.resource.kubernetes_stateful_set_v1);
  const pod = sts.spec.template.spec;
  const c = pod.container[0];

  test("one replica of the pinned image, prevent_destroy, retained PVC", () => {
    expect(sts.spec.replicas).toBe("1");
    expect(c.image).toBe(IMAGES.redis);
    expect(sts.lifecycle).toEqual({ prevent_destroy: true });
    expect(sts.spec.persistent_volume_claim_retention_policy).toEqual([{ when_deleted: "Retain", when_scaled: "Retain" }]);
    const vct = sts.spec.volume_claim_template[0];
    expect(vct.metadata.name).toBe("data");
    expect(vct.metadata.labels["app.kubernetes.io/version"]).toBeUndefined();
    expect(sts.spec.template.metadata.labels["app.kubernetes.io/version"]).toBe(IMAGES.redis.split(":")[1]);
    expect(vct.spec.resources.requests.storage).toBe("5Gi");
    expect(vct.spec.access_modes).toEqual(["ReadWriteOnce"]);
    expect(vct.spec.storage_class_name).toBeUndefined();
    for (const type of ["kubernetes_stateful_set_v1", "kubernetes_config_map_v1", "kubernetes_secret_v1"]) {
      expect(only<Json>(raw.resource[type])["//"].readystack.component).toBe("cache");
    }
    for (const svc of Object.values(raw.resource.kubernetes_service_v1) as Json[]) expect(svc["//"].readystack.component).toBe("cache");
  });

  test("Service port 6379 named redis selects the pod labels; a headless Service governs the StatefulSet", () => {
    const services = Object.values(json.resource.kubernetes_service_v1) as Json[];
    expect(services.map((x) => x.metadata.name).sort()).toEqual(["redis", "redis-headless"]);
    const svc = services.find((x) => x.metadata.name === "redis");
    const headless = services.find((x) => x.metadata.name === "redis-headless");
    expect(svc.spec.type).toBe("ClusterIP");
    expect(headless.spec).toMatchObject({ cluster_ip: "None", publish_not_ready_addresses: true, selector: redis.podSelector });
    expect(sts.spec.service_name).toMatch(/^\$\{kubernetes_service_v1\.redis_headless-service_[0-9A-F]+\.metadata\[0\]\.name\}$/);
    expect(svc.spec.port).toEqual([{ name: "redis", port: 6379, target_port: "redis", protocol: "TCP" }]);
    expect(svc.spec.selector).toEqual(redis.podSelector);
    expect(sts.spec.selector.match_labels).toEqual(redis.podSelector);
    for (const [k, val] of Object.entries(redis.podSelector)) expect(sts.spec.template.metadata.labels[k]).toBe(val);
    expect(redis.podSelector["app.kubernetes.io/component"]).toBe("cache");
    expect(c.port).toEqual([{ name: "redis", container_port: 6379, protocol: "TCP" }]);
  });

  test("password generated (32, no special chars) into a Secret, never a literal", () => {
    const pw = only<Json>(json.resource.random_password);
    expect(pw).toMatchObject({ length: 32, special: false });
    const secret = only<Json>(json.resource.kubernetes_secret_v1);
    expect(secret.data.password).toMatch(/^\$\{random_password\.[^}]+\.result\}$/);
    expect(c.args).toEqual(["redis-server", "/etc/redis/redis.conf", "--requirepass", "$(REDIS_PASSWORD)"]);
    const envNames = c.env.map((e: Json) => e.name);
    expect(envNames).toEqual(["REDIS_PASSWORD", "REDISCLI_AUTH"]);
    for (const e of c.env) {
      expect(e.value).toBeUndefined();
      expect(e.value_from.secret_key_ref.key).toBe("password");
      expect(e.value_from.secret_key_ref.name).toMatch(/^\$\{kubernetes_secret_v1\./);
    }
    expect(redis.connection.passwordSecret.key).toBe("password");
    expect(redis.connection.host).toBe("redis.shop.svc.cluster.local");
    expect(redis.connection.port).toBe(6379);
    expect(redis.connection.clientImage).toBe(IMAGES.redis);
  });

  test("redis.conf from a ConfigMap mounted read-only at /etc/redis", () => {
    const cm = only<Json>(json.resource.kubernetes_config_map_v1);
    const conf: string = cm.data["redis.conf"];
    expect(conf).toContain("maxmemory 268435456\n");
    expect(conf).toContain("maxmemory-policy allkeys-lru\n");
    expect(conf).toContain("appendonly yes\n");
    expect(conf).toContain("dir /data\n");
    expect(conf).not.toMatch(/^requirepass/m);
    expect(c.volume_mount).toEqual(
      expect.arrayContaining([
        { name: "config", mount_path: "/etc/redis", read_only: true },
        { name: "data", mount_path: "/data" },
        { name: "tmp", mount_path: "/tmp" },
      ]),
    );
    expect(pod.volume.find((vol: Json) => vol.name === "config").config_map.name).toMatch(/kubernetes_config_map_v1/);
  });

  test("probes ping with redis-cli and expect PONG; liveness is slower than readiness", () => {
    const cmd = ["sh", "-c", "redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG"];
    expect(c.readiness_probe.exec.command).toEqual(cmd);
    expect(c.liveness_probe.exec.command).toEqual(cmd);
    expect(c.startup_probe.exec.command).toEqual(cmd);
    expect(c.liveness_probe.period_seconds).toBeGreaterThan(c.readiness_probe.period_seconds);
  });

  test("hardened: UID 999, read-only root FS, no token, requests and limits", () => {
    expect(pod.automount_service_account_token).toBe(false);
    expect(pod.security_context).toMatchObject({ run_as_non_root: true, run_as_user: "999", fs_group: "999" });
    expect(c.security_context).toMatchObject({
      run_as_non_root: true,
      run_as_user: "999",
      read_only_root_filesystem: true,
      allow_privilege_escalation: false,
      capabilities: { drop: ["ALL"] },
      seccomp_profile: { type: "RuntimeDefault" },
    });
    expect(c.resources).toEqual({ requests: { cpu: "100m", memory: "384Mi" }, limits: { cpu: "500m", memory: "512Mi" } });
  });
});

describe("RedisCache options", () => {
  test("persistence off: emptyDir data, appendonly no, no PVC, no prevent_destroy", () => {
    const { json } = synth({ persistence: false });
    const sts = only<Json>(json.resource.kubernetes_stateful_set_v1);
    expect(sts.spec.volume_claim_template).toBeUndefined();
    expect(sts.spec.persistent_volume_claim_retention_policy).toBeUndefined();
    expect(sts.lifecycle).toBeUndefined();
    expect(sts.spec.template.spec.volume.find((vol: Json) => vol.name === "data").empty_dir).toBeDefined();
    expect(only<Json>(json.resource.kubernetes_config_map_v1).data["redis.conf"]).toContain("appendonly no\n");
  });

  test("existing Secret: no random_password, no generated Secret", () => {
    const { json, redis } = synth({ existingSecretName: "redis-creds", existingSecretKey: "pw" });
    expect(json.resource.random_password).toBeUndefined();
    expect(json.resource.kubernetes_secret_v1).toBeUndefined();
    expect(redis.secret).toBeUndefined();
    const c = only<Json>(json.resource.kubernetes_stateful_set_v1).spec.template.spec.container[0];
    expect(c.env[0].value_from.secret_key_ref).toEqual({ name: "redis-creds", key: "pw" });
    expect(redis.connection.passwordSecret).toEqual({ name: "redis-creds", key: "pw" });
  });

  test("storage class, size, maxmemory and policy pass through", () => {
    const { json } = synth({ storageClassName: "ebs.csi.aws.com", storageSize: "20Gi", maxmemory: "1Gi", maxmemoryPolicy: "volatile-lfu", resources: { memoryLimit: "2Gi", memoryRequest: "1536Mi" } });
    const sts = only<Json>(json.resource.kubernetes_stateful_set_v1);
    expect(sts.spec.volume_claim_template[0].spec).toMatchObject({ storage_class_name: "ebs.csi.aws.com", resources: { requests: { storage: "20Gi" } } });
    const conf = only<Json>(json.resource.kubernetes_config_map_v1).data["redis.conf"];
    expect(conf).toContain("maxmemory 1073741824\n");
    expect(conf).toContain("maxmemory-policy volatile-lfu\n");
  });

  test("preventDestroy false drops the lifecycle", () => {
    const { json } = synth({ preventDestroy: false });
    expect(only<Json>(json.resource.kubernetes_stateful_set_v1).lifecycle).toBeUndefined();
  });
});

describe("RedisCache bad props", () => {
  test.each<[Partial<RedisCacheProps>, RegExp]>([
    [{ image: "redis:latest" }, /test\/redis: invalid image "redis:latest"/],
    [{ maxmemory: "256mb" }, /invalid maxmemory "256mb"/],
    [{ maxmemory: "512Mi" }, /invalid maxmemory "512Mi"; expected a quantity below resources.memoryLimit "512Mi"/],
    [{ maxmemoryPolicy: "lru" as never }, /invalid maxmemoryPolicy "lru"; expected one of "noeviction"/],
    [{ storageSize: "lots" }, /invalid storageSize "lots"/],
    [{ maxmemory: "0.0001k" }, /invalid maxmemory "0.0001k"; expected a memory quantity that comes to a whole number of bytes/],
    [{ storageClassName: "Fast SSD" }, /invalid storageClassName "Fast SSD"/],
    [{ existingSecretKey: "pw" }, /invalid existingSecretKey "pw"; expected existingSecretKey only together with existingSecretName/],
    [{ existingSecretName: "Bad_Name" }, /invalid existingSecretName "Bad_Name"/],
    [{ resources: { memoryRequest: "1Gi" } }, /invalid resources.memoryRequest "1Gi"; expected a memory request at most/],
    [{ namespace: "Shop" }, /invalid namespace "Shop"/],
  ])("rejects bad props (case %#)", (props, message) => {
    expect(build(props)).toThrow(message);
  });
});
