import { App, Testing, TerraformStack } from "cdktf";
import { ReadyStack, type ReadyStackProps } from "../../../lib/ready-stack";
import { ReadinessError } from "../../../lib/errors";
import { Readiness } from "../../../lib/readiness/readiness";
import "../../../lib/testing";

/** The README's ReadyStack: one API, Postgres, Redis, HTTPS ingress and Alloy logs. */
function props(minReplicas = 2): ReadyStackProps {
  return {
    namespace: "shop",
    backend: { kubernetes: { secretSuffix: "shop", namespace: "kube-system" } },
    api: { image: "ghcr.io/example/shop-api:2.3.0", port: 8080, autoscaling: { minReplicas } },
    migrations: { command: ["/app/migrate", "up"] },
    ingress: { hosts: ["api.shop.example"], acmeEmail: "ops@shop.example" },
    // Dumps copied off-site (an existing Secret holds the key pair); restore-verify restores from that copy.
    backup: { offsite: { bucket: "shop-db-backups", prefix: "shop/postgres", region: "eu-central-1", credentials: { secretName: "postgres-backup-s3" } } },
  };
}

describe("expect(stack).toBeReady() and Readiness.assertReady", () => {
  const ready = new ReadyStack(Testing.app(), "shop", props());
  const notReady = new ReadyStack(Testing.app(), "shop", props(1));

  test("a ready stack passes both", () => {
    expect(ready).toBeReady();
    const result = Readiness.assertReady(ready);
    expect(result.passed).toBe(true);
    expect(result.strict).toBe(true); // ReadyStack attaches its check with strict: true, and assertReady runs that check
  });

  test("Testing.synth skips the check, so a snapshot alone would pass a stack that cdktf synth refuses", () => {
    expect(() => Testing.synth(notReady)).not.toThrow();
    expect(() => Testing.synth(notReady, true)).toThrow(/RS-HPA-REPLICAS/);
  });

  test("a failing stack fails with the synth message, naming the rule, the resource, the construct and what to change", () => {
    let caught: unknown;
    try {
      Readiness.assertReady(notReady);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ReadinessError);
    const message = (caught as ReadinessError).message;
    expect(message).toMatch(/^readiness check failed for stack shop: 1 error finding\(s\)/);
    expect(message).toMatch(/RS-HPA-REPLICAS kubernetes_horizontal_pod_autoscaler_v2\.\S+ \(shop\/api\/hpa\): .*spec\.minReplicas = 1 \(needs ≥ 2\)/);
    expect(message).toContain("fix: Set spec.minReplicas to 2 or more and spec.maxReplicas above it: the prop is autoscaling.minReplicas / autoscaling.maxReplicas of ApiService (ReadyStack: api.autoscaling.minReplicas");
    expect((caught as ReadinessError).result.passed).toBe(false);
    // the same message synth fails with
    expect(() => Testing.synth(notReady, true)).toThrow(message);
  });

  test("the matcher fails with that message, and .not inverts it", () => {
    expect(() => expect(notReady).toBeReady()).toThrow(/RS-HPA-REPLICAS .*\(shop\/api\/hpa\).*spec\.minReplicas = 1/);
    expect(notReady).not.toBeReady();
    expect(() => expect(ready).not.toBeReady()).toThrow("expected stack shop not to be ready, but it passes the readiness check");
  });

  test("options replace the stack's own: not strict, the recommended HPA finding is a warning", () => {
    expect(notReady).toBeReady({ strict: false });
    expect(Readiness.assertReady(notReady, { strict: false }).passed).toBe(true);
  });

  test("a stack without Readiness.check runs the default (not strict) check, and an empty stack is not a pass", () => {
    const stack = new TerraformStack(new App({ skipValidation: true }), "empty");
    expect(() => Readiness.assertReady(stack)).toThrow(/^readiness check failed for stack empty: .*RS-ENGINE-NOTHING-ANALYSED: nothing was analysed/s);
    expect(Readiness.lastResult(stack)?.strict).toBe(false);
  });

  test("anything but a stack fails with a clear message", () => {
    expect(() => expect({ id: "x" }).toBeReady()).toThrow("expected a cdktf TerraformStack, got Object");
    expect(() => expect(undefined).toBeReady()).toThrow("expected a cdktf TerraformStack, got undefined");
  });
});
