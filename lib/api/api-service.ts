import * as fs from "fs";
import * as path from "path";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { HorizontalPodAutoscalerV2 } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { PodDisruptionBudgetV1 } from "@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { DefaultTokenResolver, Fn, ISynthesisSession, StringConcat, TerraformResource, TerraformStack, Token, Tokenization } from "cdktf";
import { Construct } from "constructs";
import { PostgresConnection, RedisConnection } from "../k8s/connections";
import { selectorLabels, standardLabels } from "../k8s/labels";
import { COMPONENTS, setReadystackMetadata, type EnvExampleFact } from "../k8s/metadata";
import { httpProbe } from "../k8s/probes";
import { ContainerResources, resourcesBlock } from "../k8s/resources";
import { secureContainerSecurityContext, securePodSecurityContext } from "../k8s/security";
import { parseImageReference, PropValidator } from "../k8s/validate";
import { literalText } from "../k8s/terraform-text";
import { onSynthesize } from "../readiness/cdktf-internals";
import { ApiEnvEntry, buildApiEnv } from "./api-env";
import { API_LOG_FORMATS, API_LOG_LEVELS, ApiAutoscalingProps, ApiServiceProps } from "./api-service-props";
import { EnvVarDoc, renderEnvExample } from "./env-example";
import { validatedResources } from "./validate-resources";

export * from "./api-service-props";

/** Default requests/limits of the API container. */
export const API_DEFAULT_RESOURCES: ContainerResources = { cpuRequest: "250m", cpuLimit: "1", memoryRequest: "256Mi", memoryLimit: "512Mi" };
/** Requests/limits of the wait-for-dependency init containers. */
export const WAIT_INIT_RESOURCES: ContainerResources = { cpuRequest: "50m", cpuLimit: "200m", memoryRequest: "32Mi", memoryLimit: "64Mi" };

/** Autoscaling settings with every default resolved. */
export type ResolvedAutoscaling = Required<ApiAutoscalingProps>;

/**
 * The API: a Deployment (rolling update without unavailability, spread over zones and nodes, hardened,
 * probed, waiting for PostgreSQL and Redis in init containers), a ClusterIP Service, an autoscaling/v2 HPA,
 * a PodDisruptionBudget, a ServiceAccount without token, and a ConfigMap for plain configuration.
 * Every variable the container receives is documented in `envDocs`, recorded in the Deployment's metadata,
 * and written as `.env.example` (`<name>.env.example` unless the name is "api") into the stack's synth output.
 */
export class ApiService extends Construct {
  public readonly namespace: string;
  public readonly name: string;
  public readonly image: string;
  /** Container port (named "http"). */
  public readonly port: number;
  /** Service port. */
  public readonly servicePort: number;
  public readonly readinessPath: string;
  public readonly livenessPath: string;
  public readonly startupPath: string;
  public readonly logLevel: string;
  public readonly logFormat: string;
  public readonly uid: number;
  public readonly resources: ContainerResources;
  /** Resolved autoscaling, or undefined when autoscaling is off. */
  public readonly autoscaling?: ResolvedAutoscaling;
  /** Fixed replica count (only without autoscaling). */
  public readonly replicas?: number;
  public readonly dependencyTimeoutSeconds: number;
  /** Labels that select the API pods. */
  public readonly podSelector: Record<string, string>;
  /** Every variable the API container receives, in container order. Secrets carry no value. */
  public readonly envDocs: EnvVarDoc[];
  /** File name of the generated env documentation in the stack's output directory. */
  public readonly envExampleFileName: string;

  public readonly serviceAccount: ServiceAccountV1;
  public readonly configMap: ConfigMapV1;
  public readonly deployment: DeploymentV1;
  public readonly service: ServiceV1;
  /** The HPA (absent with `autoscaling: false`). */
  public readonly hpa?: HorizontalPodAutoscalerV2;
  public readonly pdb: PodDisruptionBudgetV1;

  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    super(scope, id);
    const v = new PropValidator(this);
    if (props === null || typeof props !== "object") v.fail("props", props, "an ApiServiceProps object");
    this.namespace = v.dnsLabel("namespace", props.namespace);
    this.name = v.dnsLabel("name", props.name ?? "api", 52);
    this.image = v.image("image", props.image);
    this.port = v.integer("port", props.port ?? 8080, 1024, 65535);
    this.servicePort = v.port("servicePort", props.servicePort ?? 80);
    this.readinessPath = v.httpPath("readinessPath", props.readinessPath ?? "/readyz");
    this.livenessPath = v.httpPath("livenessPath", props.livenessPath ?? "/livez");
    this.startupPath = v.httpPath("startupPath", props.startupPath ?? this.livenessPath);
    this.logLevel = v.oneOf("logLevel", props.logLevel ?? "info", API_LOG_LEVELS);
    this.logFormat = v.oneOf("logFormat", props.logFormat ?? "json", API_LOG_FORMATS);
    this.uid = v.integer("uid", props.uid ?? 10001, 1, 2147483647);
    this.resources = validatedResources(v, "resources", API_DEFAULT_RESOURCES, props.resources);
    this.dependencyTimeoutSeconds = v.integer("dependencyTimeoutSeconds", props.dependencyTimeoutSeconds ?? 300, 10, 3600);
    if (props.autoscaling === false) {
      this.replicas = v.integer("replicas", props.replicas ?? 2, 1);
    } else {
      if (props.replicas !== undefined) {
        v.fail("replicas", props.replicas, "no replicas while autoscaling is on (the HPA owns the replica count; set autoscaling.minReplicas, or autoscaling: false)");
      }
      this.autoscaling = resolveAutoscaling(v, props.autoscaling ?? {});
    }
    const waitFor = props.waitFor ?? [];
    if (!Array.isArray(waitFor)) v.fail("waitFor", waitFor, "an array of Terraform resources");
    const env = props.env ?? {};
    const secretEnv = props.secretEnv ?? {};
    const envDescriptions = props.envDescriptions ?? {};
    for (const [field, value] of [["env", env], ["secretEnv", secretEnv], ["envDescriptions", envDescriptions]] as const) {
      if (value === null || typeof value !== "object" || Array.isArray(value)) v.fail(field, value, "a map of variable names to values");
    }
    if (props.database !== undefined) validateDatabase(v, props.database);
    if (props.redis !== undefined) validateRedis(v, props.redis);

    const apiEnv = buildApiEnv(v, {
      port: this.port,
      logLevel: this.logLevel,
      logFormat: this.logFormat,
      database: props.database,
      redis: props.redis,
      env,
      secretEnv,
      envDescriptions,
    });
    this.envDocs = apiEnv.docs;
    this.envExampleFileName = this.name === "api" ? ".env.example" : `${this.name}.env.example`;

    const ref = parseImageReference(this.image)!;
    const labelInput = { name: this.name, instance: this.name, component: COMPONENTS.api, version: ref.tag ?? ref.digest };
    const labels = standardLabels(labelInput);
    this.podSelector = selectorLabels(labelInput);
    const metadata = { name: this.name, namespace: this.namespace, labels };

    this.serviceAccount = new ServiceAccountV1(this, "service-account", { metadata, automountServiceAccountToken: false });
    this.configMap = new ConfigMapV1(this, "config", {
      metadata: { ...metadata, name: `${this.name}-config` },
      // Plain values are user text: keep "${" and "%{" literal for Terraform (tokens stay references).
      data: Object.fromEntries(Object.entries(apiEnv.configData).map(([k, val]) => [k, literalText(val)])),
    });

    const initContainers = [
      ...(props.database ? [this.waitForPostgres(props.database)] : []),
      ...(props.redis ? [this.waitForRedis(props.redis)] : []),
    ];
    const spread = (topologyKey: string) => ({
      maxSkew: 1,
      topologyKey,
      whenUnsatisfiable: "ScheduleAnyway",
      labelSelector: [{ matchLabels: this.podSelector }],
    });

    this.deployment = new DeploymentV1(this, "deployment", {
      metadata,
      dependsOn: waitFor.length > 0 ? waitFor : undefined,
      waitForRollout: true,
      spec: {
        // With an HPA the Deployment must not set replicas, or every apply would reset the HPA's choice.
        replicas: this.replicas === undefined ? undefined : String(this.replicas),
        revisionHistoryLimit: 5,
        progressDeadlineSeconds: 600,
        selector: { matchLabels: this.podSelector },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "0", maxSurge: "25%" } },
        template: {
          // A change of the plain config rolls the pods: Terraform hashes the ConfigMap's data into the template.
          metadata: { labels, annotations: { "readystack.io/config-sha256": Fn.sha256(Fn.jsonencode(this.configMap.data)) } },
          spec: {
            serviceAccountName: this.serviceAccount.metadata.name,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: 30,
            securityContext: securePodSecurityContext(this.uid),
            topologySpreadConstraint: [spread("topology.kubernetes.io/zone"), spread("kubernetes.io/hostname")],
            initContainer: initContainers.length > 0 ? initContainers : undefined,
            container: [
              {
                name: this.name,
                image: this.image,
                imagePullPolicy: "IfNotPresent",
                port: [{ name: "http", containerPort: this.port, protocol: "TCP" }],
                env: apiEnv.entries(this.configMap.metadata.name),
                resources: resourcesBlock(this.resources),
                securityContext: secureContainerSecurityContext(this.uid),
                startupProbe: httpProbe(this.startupPath, "http", { periodSeconds: 5, failureThreshold: 30 }),
                readinessProbe: httpProbe(this.readinessPath, "http", { periodSeconds: 5, failureThreshold: 3 }),
                livenessProbe: httpProbe(this.livenessPath, "http", { periodSeconds: 10, failureThreshold: 3 }),
                volumeMount: [{ name: "tmp", mountPath: "/tmp" }],
              },
            ],
            volume: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
          },
        },
      },
    });

    this.service = new ServiceV1(this, "service", {
      metadata,
      spec: {
        type: "ClusterIP",
        selector: this.podSelector,
        port: [{ name: "http", port: this.servicePort, targetPort: "http", protocol: "TCP" }],
      },
    });

    if (this.autoscaling) {
      const a = this.autoscaling;
      const utilization = (name: string, averageUtilization: number) => ({
        type: "Resource",
        resource: { name, target: { type: "Utilization", averageUtilization } },
      });
      this.hpa = new HorizontalPodAutoscalerV2(this, "hpa", {
        metadata,
        spec: {
          minReplicas: a.minReplicas,
          maxReplicas: a.maxReplicas,
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: this.deployment.metadata.name },
          metric: [utilization("cpu", a.cpuUtilization), utilization("memory", a.memoryUtilization)],
          behavior: {
            scaleDown: [
              {
                stabilizationWindowSeconds: a.scaleDownStabilizationSeconds,
                selectPolicy: "Max",
                policy: [{ type: "Percent", value: 50, periodSeconds: 60 }],
              },
            ],
            scaleUp: [
              {
                stabilizationWindowSeconds: 0,
                selectPolicy: "Max",
                policy: [
                  { type: "Percent", value: 100, periodSeconds: 30 },
                  { type: "Pods", value: 4, periodSeconds: 30 },
                ],
              },
            ],
          },
        },
      });
    }

    // maxUnavailable 1 (not minAvailable): voluntary disruptions take at most one pod at a time,
    // and a node drain is never blocked, even at a single replica.
    this.pdb = new PodDisruptionBudgetV1(this, "pdb", {
      metadata,
      spec: { maxUnavailable: "1", selector: { matchLabels: this.podSelector } },
    });

    for (const resource of [this.deployment, this.service, this.pdb, this.serviceAccount, this.configMap, ...(this.hpa ? [this.hpa] : [])]) {
      setReadystackMetadata(resource, "component", COMPONENTS.api);
    }
    setReadystackMetadata(this.deployment, "envExample", this.envDocs.map(compactDoc));

    onSynthesize(this, (session) => this.writeEnvExample(session));
  }

  /** Write `.env.example` beside the stack's cdk.tf.json, with Terraform references shown as `<reference>`. */
  private writeEnvExample(session: ISynthesisSession): void {
    const stack = TerraformStack.of(this);
    const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
    fs.mkdirSync(dir, { recursive: true });
    const resolved = Tokenization.resolve(this.envDocs, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false }) as EnvVarDoc[];
    const names = literalNames(stack), docs = resolved.map((d) => readableReferences(d, names)); // one stack walk per API, not one per env var
    fs.writeFileSync(path.join(dir, this.envExampleFileName), renderEnvExample(docs, `the ${this.name} container`));
  }

  private waitForPostgres(db: PostgresConnection) {
    const script = [
      `timeout "$WAIT_TIMEOUT_SECONDS" sh -c 'until pg_isready -q -h "$PGHOST" -p "$PGPORT" -d "$PGDATABASE" -t 2; do echo "waiting for PostgreSQL at $PGHOST:$PGPORT"; sleep 2; done'`,
      `|| { echo "PostgreSQL at $PGHOST:$PGPORT not ready within $WAIT_TIMEOUT_SECONDS seconds" >&2; exit 1; }`,
    ].join(" ");
    const env: ApiEnvEntry[] = [
      { name: "PGHOST", value: db.host },
      { name: "PGPORT", value: String(db.port) },
      { name: "PGDATABASE", value: db.database },
      // libpq needs a user name; the API's UID has no passwd entry.
      { name: "PGUSER", valueFrom: { secretKeyRef: { name: db.usernameSecret.name, key: db.usernameSecret.key } } },
      { name: "WAIT_TIMEOUT_SECONDS", value: String(this.dependencyTimeoutSeconds) },
    ];
    return this.initContainer("wait-for-postgres", db.clientImage, script, env);
  }

  private waitForRedis(redis: RedisConnection) {
    const script = [
      `timeout "$WAIT_TIMEOUT_SECONDS" sh -c 'until redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; do echo "waiting for Redis at $REDIS_HOST:$REDIS_PORT"; sleep 2; done'`,
      `|| { echo "Redis at $REDIS_HOST:$REDIS_PORT not ready within $WAIT_TIMEOUT_SECONDS seconds" >&2; exit 1; }`,
    ].join(" ");
    const env: ApiEnvEntry[] = [
      { name: "REDIS_HOST", value: redis.host },
      { name: "REDIS_PORT", value: String(redis.port) },
      // redis-cli reads the password from REDISCLI_AUTH: it never appears on a command line.
      { name: "REDISCLI_AUTH", valueFrom: { secretKeyRef: { name: redis.passwordSecret.name, key: redis.passwordSecret.key } } },
      { name: "WAIT_TIMEOUT_SECONDS", value: String(this.dependencyTimeoutSeconds) },
    ];
    return this.initContainer("wait-for-redis", redis.clientImage, script, env);
  }

  private initContainer(name: string, image: string, script: string, env: ApiEnvEntry[]) {
    return {
      name,
      image,
      imagePullPolicy: "IfNotPresent",
      command: ["sh", "-c", script],
      env,
      resources: resourcesBlock(WAIT_INIT_RESOURCES),
      securityContext: secureContainerSecurityContext(this.uid),
      volumeMount: [{ name: "tmp", mountPath: "/tmp" }],
    };
  }
}

function resolveAutoscaling(v: PropValidator, a: ApiAutoscalingProps): ResolvedAutoscaling {
  if (a === null || typeof a !== "object" || Array.isArray(a)) v.fail("autoscaling", a, "an ApiAutoscalingProps object or false");
  const minReplicas = v.integer("autoscaling.minReplicas", a.minReplicas ?? 2, 1, 1000);
  const maxReplicas = v.integer("autoscaling.maxReplicas", a.maxReplicas ?? 10, 1, 1000);
  if (maxReplicas < minReplicas) v.fail("autoscaling.maxReplicas", maxReplicas, `a whole number >= autoscaling.minReplicas (${minReplicas})`);
  return {
    minReplicas,
    maxReplicas,
    cpuUtilization: v.percentage("autoscaling.cpuUtilization", a.cpuUtilization ?? 70),
    memoryUtilization: v.percentage("autoscaling.memoryUtilization", a.memoryUtilization ?? 80),
    scaleDownStabilizationSeconds: v.integer("autoscaling.scaleDownStabilizationSeconds", a.scaleDownStabilizationSeconds ?? 300, 0, 3600),
  };
}

function validateDatabase(v: PropValidator, db: PostgresConnection): void {
  if (db === null || typeof db !== "object") v.fail("database", db, "a PostgresConnection");
  v.nonEmpty("database.host", db.host);
  v.port("database.port", db.port);
  v.nonEmpty("database.database", db.database);
  v.image("database.clientImage", db.clientImage);
  for (const key of ["usernameSecret", "passwordSecret"] as const) {
    const ref = db[key];
    if (ref === null || typeof ref !== "object") v.fail(`database.${key}`, ref, "a SecretKeyRef { name, key }");
    v.nonEmpty(`database.${key}.name`, ref.name);
    v.nonEmpty(`database.${key}.key`, ref.key);
  }
}

function validateRedis(v: PropValidator, redis: RedisConnection): void {
  if (redis === null || typeof redis !== "object") v.fail("redis", redis, "a RedisConnection");
  v.nonEmpty("redis.host", redis.host);
  v.port("redis.port", redis.port);
  v.image("redis.clientImage", redis.clientImage);
  const ref = redis.passwordSecret;
  if (ref === null || typeof ref !== "object") v.fail("redis.passwordSecret", ref, "a SecretKeyRef { name, key }");
  v.nonEmpty("redis.passwordSecret.name", ref.name);
  v.nonEmpty("redis.passwordSecret.key", ref.key);
}

/** A doc without undefined fields (for the JSON metadata). */
function compactDoc(doc: EnvVarDoc): EnvExampleFact {
  return Object.fromEntries(
    Object.entries(doc)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, typeof value === "string" ? literalText(value) : value]),
  ) as unknown as EnvExampleFact;
}


/** `type.id.metadata[0].name` → the literal metadata name of every Kubernetes resource in the stack that has one. */
function literalNames(stack: TerraformStack): Map<string, string> {
  const names = new Map<string, string>();
  for (const node of stack.node.findAll()) {
    if (!(node instanceof TerraformResource) || !node.terraformResourceType.startsWith("kubernetes_")) continue;
    const name = (node as unknown as { metadataInput?: { name?: unknown } }).metadataInput?.name;
    if (typeof name === "string" && !Token.isUnresolved(name)) {
      names.set(`${node.terraformResourceType}.${node.friendlyUniqueId}.metadata[0].name`, name);
    }
  }
  return names;
}

/**
 * Terraform references in a doc made readable: a reference to a Kubernetes object's name becomes that
 * literal name; any other `${expr}` becomes `<expr>`.
 */
function readableReferences(doc: EnvVarDoc, names: Map<string, string>): EnvVarDoc {
  const fix = (s: string) => s.replace(/\$\{([^}]*)\}/g, (_, expr: string) => names.get(expr) ?? `<${expr}>`);
  return {
    ...doc,
    description: fix(doc.description),
    example: doc.example === undefined ? undefined : fix(doc.example),
    secretRef: doc.secretRef ? { name: fix(doc.secretRef.name), key: fix(doc.secretRef.key) } : undefined,
  };
}
