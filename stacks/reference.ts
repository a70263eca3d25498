import * as path from "path";
import { Construct } from "constructs";
import { ReadyStack, ReadyStackProps } from "../lib/ready-stack";
import { Readiness } from "../lib/readiness/readiness";
import { projectRoot } from "./project-root";

/** The reference deployment's props: one API, Postgres, Redis, HTTPS ingress on a placeholder host, logs. */
export function referenceProps(): ReadyStackProps {
  return {
    namespace: "offgridflow",
    backend: { kubernetes: { secretSuffix: "offgridflow", namespace: "kube-system" } },
    api: {
      image: "ghcr.io/offgridflow/api:1.4.2",
      port: 8080,
      env: { FEATURE_FLAGS: "readings-v2" },
      envDescriptions: { FEATURE_FLAGS: "Comma-separated feature flags enabled in this deployment" },
    },
    migrations: { migrationsDir: path.join(projectRoot(), "stacks", "migrations") },
    ingress: {
      hosts: ["api.offgridflow.example"],
      acmeEmail: "ops@offgridflow.example",
      acmeServer: "production",
    },
    logging: { shipper: "promtail" },
    backup: {
      // Off-site copies: placeholders for the bucket and the Secret holding its key pair
      // (kubectl -n offgridflow create secret generic postgres-backup-s3 --from-literal=AWS_ACCESS_KEY_ID=... --from-literal=AWS_SECRET_ACCESS_KEY=...).
      offsite: {
        bucket: "offgridflow-db-backups",
        prefix: "offgridflow/db",
        region: "eu-central-1",
        credentials: { secretName: "postgres-backup-s3" },
        retentionDays: 30,
      },
    },
  };
}

/** Build the reference stack into `scope` (the App). */
export function buildReferenceStack(scope: Construct, id = "offgridflow", props: ReadyStackProps = referenceProps()): ReadyStack {
  const stack = new ReadyStack(scope, id, props);
  if (props.logging?.shipper === "promtail" && stack.logging.shipperRelease) {
    // The reference deployment keeps Loki+Promtail; Promtail reached end of life on 2026-03-02. Waived here,
    // in plain sight, until the move to Grafana Alloy (`logging: { shipper: "alloy" }`) is rolled out.
    Readiness.waive(
      stack.logging.shipperRelease,
      "RS-EOL-COMPONENT",
      "Promtail is EOL since 2026-03-02; kept for the existing Loki+Promtail setup until the Alloy migration ships",
    );
    // Promtail tails the node's container logs: it needs hostPath mounts and root to read them. It lives alone with
    // Loki in the privileged logging namespace, so only this DaemonSet is waived.
    const daemonSet = `DaemonSet/${stack.logging.shipperNamespace}/${stack.logging.shipper}`;
    Readiness.waive(stack.logging.shipperRelease, "RS-SEC-HOST-PATH", "Promtail reads /var/log/pods and the container runtime's log files of each node through hostPath", {
      objectRef: daemonSet,
    });
    Readiness.waive(stack.logging.shipperRelease, "RS-SEC-NON-ROOT", "Promtail runs as root to read node log files owned by root (0640); no write access, all capabilities dropped", {
      objectRef: daemonSet,
    });
  }
  return stack;
}
