import { PostgresDatabase, PG_ISREADY_COMMAND } from "../../../lib/postgres/postgres-database";
import { IMAGES } from "../../../lib/versions";
import { all, configError, freshStack, only, synthJson } from "./helpers";

describe("PostgresDatabase", () => {
  let db!: PostgresDatabase;
  const json = synthJson((stack) => {
    db = new PostgresDatabase(stack, "db", { namespace: "shop" });
  });
  const sts = only(json, "kubernetes_stateful_set_v1");
  const pod = sts.spec.template.spec;
  const container = pod.container[0];

  test("one replica of the pinned postgres image with PGDATA in a subdirectory of the volume", () => {
    expect(sts.metadata.name).toBe("postgres");
    expect(sts.metadata.namespace).toBe("shop");
    expect(sts.spec.replicas).toBe("1");
    expect(container.image).toBe(IMAGES.postgres);
    const env = Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));
    expect(env.PGDATA.value).toBe("/var/lib/postgresql/data/pgdata");
    expect(env.POSTGRES_DB.value).toBe("app");
    expect(container.volume_mount).toContainEqual({ name: "data", mount_path: "/var/lib/postgresql/data" });
    expect(container.port).toEqual([{ name: "postgres", container_port: 5432, protocol: "TCP" }]);
  });

  test("wait_for_rollout is left at the provider default (true)", () => {
    expect(sts.wait_for_rollout).toBeUndefined();
  });

  test("volume claim template with default size and retained PVCs", () => {
    const vct = sts.spec.volume_claim_template[0];
    expect(vct.metadata.name).toBe("data");
    // volumeClaimTemplates are immutable: an image bump must not change their labels.
    expect(vct.metadata.labels["app.kubernetes.io/version"]).toBeUndefined();
    expect(vct.metadata.labels["app.kubernetes.io/component"]).toBe("database");
    expect(vct.spec.access_modes).toEqual(["ReadWriteOnce"]);
    expect(vct.spec.resources.requests.storage).toBe("10Gi");
    expect(vct.spec.storage_class_name).toBeUndefined();
    expect(sts.spec.persistent_volume_claim_retention_policy).toEqual([{ when_deleted: "Retain", when_scaled: "Retain" }]);
  });

  test("headless Service is the StatefulSet's serviceName; client Service on 5432 named postgres", () => {
    const services = all(json, "kubernetes_service_v1");
    const headless = Object.values(services).find((s) => s.spec.cluster_ip === "None");
    const client = Object.values(services).find((s) => s.spec.type === "ClusterIP");
    expect(headless.metadata.name).toBe("postgres-headless");
    expect(sts.spec.service_name).toMatch(/^\$\{kubernetes_service_v1\.db_headless-service_[A-F0-9]+\.metadata\[0\]\.name\}$/);
    expect(client.metadata.name).toBe("postgres");
    expect(client.spec.port).toEqual([{ name: "postgres", port: 5432, target_port: "postgres", protocol: "TCP" }]);
    expect(client.spec.selector).toEqual(sts.spec.selector.match_labels);
    expect(sts.spec.selector.match_labels["app.kubernetes.io/component"]).toBe("database");
  });

  test("pg_isready readiness, liveness and startup probes", () => {
    const cmd = ["sh", "-c", 'pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB" -h 127.0.0.1'];
    expect(PG_ISREADY_COMMAND).toEqual(cmd);
    for (const probe of ["readiness_probe", "liveness_probe", "startup_probe"]) {
      expect(container[probe].exec.command).toEqual(cmd);
    }
    expect(container.startup_probe.period_seconds * container.startup_probe.failure_threshold).toBeGreaterThanOrEqual(600);
  });

  test("secure pod and container security context with UID/GID 999, read-only root with writable emptyDirs", () => {
    expect(pod.security_context).toMatchObject({ run_as_non_root: true, run_as_user: "999", run_as_group: "999", fs_group: "999" });
    expect(container.security_context).toMatchObject({
      run_as_non_root: true,
      run_as_user: "999",
      read_only_root_filesystem: true,
      allow_privilege_escalation: false,
      capabilities: { drop: ["ALL"] },
      seccomp_profile: { type: "RuntimeDefault" },
    });
    expect(pod.automount_service_account_token).toBe(false);
    const mounts = container.volume_mount.map((m: { mount_path: string }) => m.mount_path);
    expect(mounts).toEqual(expect.arrayContaining(["/var/run/postgresql", "/tmp"]));
    const volumes = Object.fromEntries(pod.volume.map((vol: { name: string }) => [vol.name, vol]));
    expect(volumes.run.empty_dir).toBeDefined();
    expect(volumes.tmp.empty_dir).toBeDefined();
  });

  test("requests and limits default to 250m/1 and 512Mi/1Gi", () => {
    expect(container.resources).toEqual({
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { cpu: "1", memory: "1Gi" },
    });
  });

  test("generated basic-auth Secret references random_password, no literal password anywhere", () => {
    const pw = only(json, "random_password");
    expect(pw).toMatchObject({ length: 32, special: false });
    const secret = only(json, "kubernetes_secret_v1");
    expect(secret.type).toBe("kubernetes.io/basic-auth");
    expect(secret.data.username).toBe("app");
    expect(secret.data.password).toMatch(/^\$\{random_password\.[A-Za-z0-9_-]+\.result\}$/);
    // No env var carries a literal value for a credential.
    const env = Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));
    expect(env.POSTGRES_PASSWORD.value).toBeUndefined();
    expect(env.POSTGRES_PASSWORD.value_from.secret_key_ref.key).toBe("password");
    expect(env.POSTGRES_PASSWORD.value_from.secret_key_ref.name).toMatch(/^\$\{kubernetes_secret_v1\./);
    // Every "password" key in the whole JSON holds a reference, not a literal.
    const text = JSON.stringify(json);
    for (const m of text.matchAll(/"password":"([^"]*)"/g)) expect(m[1]).toMatch(/^\$\{/);
  });

  test("prevent_destroy on the StatefulSet, the Secret and the password by default", () => {
    expect(sts.lifecycle.prevent_destroy).toBe(true);
    expect(only(json, "kubernetes_secret_v1").lifecycle.prevent_destroy).toBe(true);
    expect(only(json, "random_password").lifecycle.prevent_destroy).toBe(true);
  });

  test("component metadata and labels", () => {
    expect(sts["//"].readystack.component).toBe("database");
    expect(sts.metadata.labels["app.kubernetes.io/component"]).toBe("database");
    expect(sts.metadata.labels["app.kubernetes.io/version"]).toBe(IMAGES.postgres.split(":")[1]);
  });

  test("connection: service host, port, secret refs as tokens, client image, selector", () => {
    const c = db.connection;
    expect(c.host).toBe("postgres.shop.svc.cluster.local");
    expect(c.port).toBe(5432);
    expect(c.database).toBe("app");
    expect(c.usernameSecret.key).toBe("username");
    expect(c.passwordSecret.key).toBe("password");
    expect(c.passwordSecret.name).toMatch(/\$\{TfToken\[/);
    expect(c.clientImage).toBe(IMAGES.postgres);
    expect(c.podSelector).toEqual(sts.spec.selector.match_labels);
    expect(db.secret).toBeDefined();
    expect(db.password).toBeDefined();
  });
});

describe("PostgresDatabase options", () => {
  test("existing Secret: no Secret, no random_password, env reads the named Secret", () => {
    let db!: PostgresDatabase;
    const json = synthJson((stack) => {
      db = new PostgresDatabase(stack, "db", { namespace: "shop", existingSecretName: "pg-creds" });
    });
    expect(json.resource.kubernetes_secret_v1).toBeUndefined();
    expect(json.resource.random_password).toBeUndefined();
    const env = only(json, "kubernetes_stateful_set_v1").spec.template.spec.container[0].env;
    expect(env).toContainEqual({ name: "POSTGRES_USER", value_from: { secret_key_ref: { name: "pg-creds", key: "username" } } });
    expect(db.secret).toBeUndefined();
    expect(db.password).toBeUndefined();
    expect(db.connection.passwordSecret).toEqual({ name: "pg-creds", key: "password" });
  });

  test("overrides: name, storage, class, resources, database, preventDestroy false", () => {
    const json = synthJson((stack) => {
      new PostgresDatabase(stack, "db", {
        namespace: "shop",
        name: "main-db",
        database: "shop_prod",
        username: "shop",
        storageSize: "50Gi",
        storageClassName: "fast-ssd",
        resources: { memoryLimit: "4Gi" },
        preventDestroy: false,
      });
    });
    const sts = only(json, "kubernetes_stateful_set_v1");
    expect(sts.metadata.name).toBe("main-db");
    expect(sts.lifecycle).toBeUndefined();
    expect(only(json, "kubernetes_secret_v1").lifecycle).toBeUndefined();
    expect(only(json, "kubernetes_secret_v1").data.username).toBe("shop");
    expect(sts.spec.volume_claim_template[0].spec).toMatchObject({ storage_class_name: "fast-ssd", resources: { requests: { storage: "50Gi" } } });
    expect(sts.spec.template.spec.container[0].resources).toEqual({
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { cpu: "1", memory: "4Gi" },
    });
  });

  test("bad storage size names field and value", () => {
    const err = configError(() => new PostgresDatabase(freshStack(), "db", { namespace: "shop", storageSize: "1Gb" }));
    expect(err.message).toContain("storageSize");
    expect(err.message).toContain('"1Gb"');
    expect(err.message).toContain("test/db");
  });

  test("both secret modes is an error", () => {
    const err = configError(
      () => new PostgresDatabase(freshStack(), "db", { namespace: "shop", username: "app", existingSecretName: "pg-creds" }),
    );
    expect(err.message).toContain("username/existingSecretName");
    expect(err.message).toContain("pg-creds");
  });

  test.each([
    ["database", { database: "App-DB" }, '"App-DB"'],
    ["username", { username: "1user" }, '"1user"'],
    ["image", { image: "postgres:latest" }, '"postgres:latest"'],
    ["name", { name: "Postgres" }, '"Postgres"'],
    ["namespace", { namespace: "Shop" }, '"Shop"'],
    ["resources.cpuLimit", { resources: { cpuLimit: "lots" } }, '"lots"'],
    ["existingSecretName", { existingSecretName: "bad_name" }, '"bad_name"'],
  ])("invalid %s is rejected", (field, extra, shown) => {
    const err = configError(() => new PostgresDatabase(freshStack(), "db", { namespace: "shop", ...extra }));
    expect(err.field).toBe(field);
    expect(err.message).toContain(`invalid ${field} ${shown}`);
  });
});
