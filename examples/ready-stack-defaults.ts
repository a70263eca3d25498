// The whole production stack from its defaults: only what has no sensible default (namespace, state backend,
// image, migrations, hosts, ACME contact, and the bucket the off-site backup copy goes to) is given. test/examples/ready-stack-defaults.test.ts synthesizes it,
// and test/rehearsal/reference-rehearsal.test.ts renders its charts and checks every rendered pod.
import * as path from "path";
import { App } from "cdktf";
import { Construct } from "constructs";
import { ReadyStack, ReadyStackProps } from "../lib";
import { projectRoot } from "../stacks/project-root";

/** The smallest props ReadyStack accepts; everything else is the library's default. */
export function defaultsProps(): ReadyStackProps {
  return {
    namespace: "shop",
    backend: { kubernetes: { secretSuffix: "shop", namespace: "kube-system" } },
    api: { image: "ghcr.io/example/shop-api:2.0.1" },
    migrations: { migrationsDir: path.join(projectRoot(), "stacks", "migrations") },
    ingress: { hosts: ["shop.example.com"], acmeEmail: "ops@example.com" },
    // Strict readiness asks for a backup copy outside the cluster; the bucket and its credentials Secret are yours.
    backup: { offsite: { bucket: "shop-db-backups", region: "eu-central-1", credentials: { secretName: "shop-backup-s3" } } },
  };
}

/** A ReadyStack built from its defaults. */
export function buildReadyStackFromDefaults(scope: Construct, id = "shop", props: ReadyStackProps = defaultsProps()): ReadyStack {
  return new ReadyStack(scope, id, props);
}

if (require.main === module) {
  const app = new App();
  buildReadyStackFromDefaults(app);
  app.synth();
}
