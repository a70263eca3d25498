import { Construct } from "constructs";
import { Password } from "@cdktf/provider-random/lib/password";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { StatefulSetV1 } from "@cdktf/provider-kubernetes/lib/stateful-set-v1";
import { PostgresConnection, serviceHost } from "../k8s/connections";
import { selectorLabels, standardLabels } from "../k8s/labels";
import { COMPONENTS, setReadystackMetadata } from "../k8s/metadata";
import { execProbe } from "../k8s/probes";
import { ContainerResources, resourcesBlock } from "../k8s/resources";
import { secureContainerSecurityContext, securePodSecurityContext } from "../k8s/security";
import { parseImageReference, PropValidator } from "../k8s/validate";
import { IMAGE_USERS, IMAGES } from "../versions";
import { PostgresDatabaseProps } from "./postgres-database-props";
import { namespaceProp, POSTGRES_PORT, POSTGRES_PORT_NAME, postgresIdentifier, validatedResources } from "./shared";

export type { PostgresDatabaseProps } from "./postgres-database-props";

/** Default requests/limits of the Postgres container. */
export const POSTGRES_DEFAULT_RESOURCES: ContainerResources = {
  cpuRequest: "250m",
  memoryRequest: "512Mi",
  cpuLimit: "1",
  memoryLimit: "1Gi",
};

/** Where the data volume is mounted; PGDATA is a subdirectory so the volume's lost+found does not upset initdb. */
export const POSTGRES_DATA_MOUNT = "/var/lib/postgresql/data";
/** PGDATA inside the data volume. */
export const POSTGRES_PGDATA = `${POSTGRES_DATA_MOUNT}/pgdata`;

/** The readiness/liveness/startup check: the server accepts TCP connections for the app user and database. */
export const PG_ISREADY_COMMAND = ["sh", "-c", 'pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB" -h 127.0.0.1'];


/**
 * A single-instance PostgreSQL server: a StatefulSet (1 replica) with a persistent volume that is retained
 * when the StatefulSet is deleted or scaled, a headless Service (the StatefulSet's serviceName) and a
 * ClusterIP client Service on port 5432 ("postgres"). Credentials are generated (random_password into a
 * basic-auth Secret) or taken from an existing Secret; no secret literal reaches cdk.tf.json.
 *
 * POSTGRES_USER/POSTGRES_PASSWORD/POSTGRES_DB only take effect when the data directory is initialised:
 * changing them later does not change the running database (that is why the password is protected by
 * prevent_destroy too).
 */
export class PostgresDatabase extends Construct {
  /** Namespace of every object. */
  public readonly namespace: string;
  /** Resolved name (StatefulSet and client Service). */
  public readonly name: string;
  /** Resolved image. */
  public readonly image: string;
  /** Resolved database name. */
  public readonly database: string;
  /** Resolved storage size of the data volume. */
  public readonly storageSize: string;
  /** Resolved requests/limits of the Postgres container. */
  public readonly resources: ContainerResources;
  /** Whether Terraform's prevent_destroy is set. */
  public readonly preventDestroy: boolean;
  /** Labels selecting the Postgres pod. */
  public readonly podSelector: Record<string, string>;

  /** The StatefulSet running Postgres. */
  public readonly statefulSet: StatefulSetV1;
  /** The ClusterIP Service clients connect to. */
  public readonly service: ServiceV1;
  /** The headless Service that governs the StatefulSet's pod DNS. */
  public readonly headlessService: ServiceV1;
  /** The generated credentials Secret; undefined with `existingSecretName`. */
  public readonly secret?: SecretV1;
  /** The generated password; undefined with `existingSecretName`. */
  public readonly password?: Password;
  /** How clients reach this database. */
  public readonly connection: PostgresConnection;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const v: PropValidator = new PropValidator(this);
    if (props === null || typeof props !== "object") v.fail("props", props, "a PostgresDatabaseProps object");

    this.namespace = namespaceProp(v, props.namespace);
    this.name = v.dnsLabel("name", props.name ?? "postgres", 52);
    this.image = v.image("image", props.image ?? IMAGES.postgres);
    this.database = postgresIdentifier(v, "database", props.database ?? "app");
    v.notBoth("username", props.username, "existingSecretName", props.existingSecretName);
    const username = postgresIdentifier(v, "username", props.username ?? "app");
    if (props.existingSecretName !== undefined) {
      v.dnsSubdomain("existingSecretName", props.existingSecretName, "the name of a Secret in the namespace (a DNS-1123 subdomain) with keys username and password");
    }
    this.storageSize = v.memory("storageSize", props.storageSize ?? "10Gi");
    const storageClassName = props.storageClassName === undefined ? undefined : v.dnsSubdomain("storageClassName", props.storageClassName);
    this.resources = validatedResources(v, "resources", POSTGRES_DEFAULT_RESOURCES, props.resources);
    const sharedMemorySize = v.memory("sharedMemorySize", props.sharedMemorySize ?? "256Mi");
    const startupTimeoutSeconds = v.integer("startupTimeoutSeconds", props.startupTimeoutSeconds ?? 600, 60, 86400);
    this.preventDestroy = v.bool("preventDestroy", props.preventDestroy ?? true);
    const lifecycle = this.preventDestroy ? { preventDestroy: true } : undefined;

    const uid = IMAGE_USERS.postgres;
    const labelInput = {
      name: "postgres",
      instance: this.name,
      component: COMPONENTS.database,
      version: parseImageReference(this.image)?.tag,
    };
    const labels = standardLabels(labelInput);
    this.podSelector = selectorLabels(labelInput);

    // Credentials: generated, or an existing Secret. The Secret name in the connection is a token, so
    // every consumer depends on the Secret resource.
    let secretName: string;
    if (props.existingSecretName === undefined) {
      this.password = new Password(this, "password", { length: 32, special: false, lifecycle });
      this.secret = new SecretV1(this, "credentials", {
        metadata: { name: `${this.name}-credentials`, namespace: this.namespace, labels },
        type: "kubernetes.io/basic-auth",
        data: { username, password: this.password.result },
        lifecycle,
      });
      setReadystackMetadata(this.secret, "component", COMPONENTS.database);
      secretName = this.secret.metadata.name;
    } else {
      secretName = props.existingSecretName;
    }

    const port = [{ name: POSTGRES_PORT_NAME, port: POSTGRES_PORT, targetPort: POSTGRES_PORT_NAME, protocol: "TCP" }];
    this.headlessService = new ServiceV1(this, "headless-service", {
      metadata: { name: `${this.name}-headless`, namespace: this.namespace, labels },
      spec: {
        clusterIp: "None",
        publishNotReadyAddresses: true,
        selector: this.podSelector,
        port,
      },
    });
    setReadystackMetadata(this.headlessService, "component", COMPONENTS.database);

    this.service = new ServiceV1(this, "service", {
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: { type: "ClusterIP", selector: this.podSelector, port },
    });
    setReadystackMetadata(this.service, "component", COMPONENTS.database);

    const probeCommand = [...PG_ISREADY_COMMAND];
    this.statefulSet = new StatefulSetV1(this, "stateful-set", {
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: {
        replicas: "1",
        serviceName: this.headlessService.metadata.name,
        podManagementPolicy: "OrderedReady",
        updateStrategy: [{ type: "RollingUpdate" }],
        selector: { matchLabels: this.podSelector },
        persistentVolumeClaimRetentionPolicy: [{ whenDeleted: "Retain", whenScaled: "Retain" }],
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: 60,
            securityContext: securePodSecurityContext(uid),
            container: [
              {
                name: "postgres",
                image: this.image,
                imagePullPolicy: "IfNotPresent",
                port: [{ name: POSTGRES_PORT_NAME, containerPort: POSTGRES_PORT, protocol: "TCP" }],
                env: [
                  { name: "POSTGRES_USER", valueFrom: { secretKeyRef: { name: secretName, key: "username" } } },
                  { name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name: secretName, key: "password" } } },
                  { name: "POSTGRES_DB", value: this.database },
                  { name: "PGDATA", value: POSTGRES_PGDATA },
                ],
                resources: resourcesBlock(this.resources),
                securityContext: secureContainerSecurityContext(uid),
                startupProbe: execProbe(probeCommand, {
                  periodSeconds: 10,
                  timeoutSeconds: 5,
                  failureThreshold: Math.ceil(startupTimeoutSeconds / 10),
                }),
                readinessProbe: execProbe(probeCommand, { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 }),
                livenessProbe: execProbe(probeCommand, { periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 6 }),
                volumeMount: [
                  { name: "data", mountPath: POSTGRES_DATA_MOUNT },
                  { name: "run", mountPath: "/var/run/postgresql" },
                  { name: "tmp", mountPath: "/tmp" },
                  { name: "shm", mountPath: "/dev/shm" },
                ],
              },
            ],
            volume: [
              { name: "run", emptyDir: { sizeLimit: "16Mi" } },
              { name: "tmp", emptyDir: { sizeLimit: "1Gi" } },
              { name: "shm", emptyDir: { medium: "Memory", sizeLimit: sharedMemorySize } },
            ],
          },
        },
        volumeClaimTemplate: [
          {
            // No version label: volumeClaimTemplates are immutable, an image bump must not touch them.
            metadata: { name: "data", labels: standardLabels({ ...labelInput, version: undefined }) },
            spec: {
              accessModes: ["ReadWriteOnce"],
              storageClassName,
              resources: { requests: { storage: this.storageSize } },
            },
          },
        ],
      },
      lifecycle,
    });
    setReadystackMetadata(this.statefulSet, "component", COMPONENTS.database);

    this.connection = {
      host: serviceHost(this.name, this.namespace),
      port: POSTGRES_PORT,
      database: this.database,
      usernameSecret: { name: secretName, key: "username" },
      passwordSecret: { name: secretName, key: "password" },
      clientImage: this.image,
      podSelector: this.podSelector,
    };
  }
}
