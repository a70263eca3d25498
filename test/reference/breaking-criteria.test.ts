import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { ReadyStack, ReadyStackProps } from "../../lib/ready-stack";
import { ReadystackConfigError } from "../../lib/errors";
import { buildReferenceStack, referenceProps } from "../../stacks/reference";

interface SynthOutcome {
  error?: Error;
  dir: string;
  files: string[];
}

/** Synthesize like `npm run synth` does, into a temp outdir, and collect what was written. */
function synth(props: ReadyStackProps, tweak: (stack: ReadyStack) => void = () => undefined): SynthOutcome {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "readystack-ref-"));
  const app = new App({ outdir });
  let error: Error | undefined;
  try {
    const stack = buildReferenceStack(app, "offgridflow", props);
    tweak(stack);
    app.synth();
  } catch (e) {
    error = e as Error;
  }
  const dir = path.join(outdir, "stacks", "offgridflow");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  return { error, dir, files };
}

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), "utf8");
}

describe("the reference stack", () => {
  test("passes every criterion and writes cdk.tf.json, the four reports, .env.example and the issuer chart asset", () => {
    const out = synth(referenceProps());
    expect(out.error).toBeUndefined();
    expect(out.files).toEqual([".env.example", "assets", "cdk.tf.json", "readiness.json", "readiness.md", "readiness.sarif"]);
    // The ClusterIssuer's local chart is copied where its helm_release (run from this directory) looks for it.
    const releases = Object.values(JSON.parse(read(out.dir, "cdk.tf.json")).resource.helm_release) as { chart: string }[];
    const local = releases.filter((r) => r.chart.startsWith("./assets/"));
    expect(local).toHaveLength(1);
    expect(read(path.join(out.dir, local[0].chart), "Chart.yaml")).toMatch(/^name: readystack-manifests$/m);
    const report = JSON.parse(read(out.dir, "readiness.json"));
    expect(report.passed).toBe(true);
    expect(report.strict).toBe(true);
    const md = read(out.dir, "readiness.md");
    expect(md).toContain("Mandatory 6/6");
    expect(md).toContain("Recommended 5/5");
    // Each criterion shows its evidence: the resources that satisfy it.
    expect(md).toMatch(/### Backups validated — ✅ met[\s\S]*kubernetes_cron_job_v1\.backup_verify/);
    // The off-site copy is shown as configuration under its criterion, never as a run that succeeded.
    const backups = md.slice(md.indexOf("### Backups validated"), md.indexOf("\n### ", md.indexOf("### Backups validated")));
    expect(backups).toMatch(
      /\| Configured \(the stack's setup, not a run result\) \|\n\| --- \|\n\| off-site copy configured: s3:\/\/offgridflow-db-backups\/offgridflow\/db via AWS S3 \(uploaded by kubernetes_cron_job_v1\.backup_\w+ after each dump\); restore-verify kubernetes_cron_job_v1\.backup_verify_\w+ restores from it \|/,
    );
    expect(report.criteria.find((c: { id: string }) => c.id === "backups-validated").configuration).toHaveLength(1);
    // The one exception is waived in the code, with its reason, and listed.
    expect(md).toContain("Promtail is EOL since 2026-03-02");
  });
});

// Breaking a criterion fails synth with the rule id in the error, and all four reports say the same.
describe.each([
  {
    what: "no JSON log format",
    ruleId: "RS-JSON-LOGS",
    props: (p: ReadyStackProps): ReadyStackProps => ({ ...p, api: { ...p.api, logFormat: "text" } }),
  },
  {
    what: "minReplicas 1",
    ruleId: "RS-HPA",
    props: (p: ReadyStackProps): ReadyStackProps => ({ ...p, api: { ...p.api, autoscaling: { minReplicas: 1, maxReplicas: 5 } } }),
  },
  {
    what: "no restore-verify job",
    ruleId: "RS-BACKUP",
    tweak: (s: ReadyStack) => s.backup.node.tryRemoveChild(s.backup.verifyCronJob.node.id),
  },
  {
    what: "no TLS on the ingress",
    ruleId: "RS-INGRESS-TLS",
    tweak: (s: ReadyStack) => s.ingress.ingress.addOverride("spec.tls", undefined),
  },
  {
    what: "an unpinned image slipped in through an escape hatch",
    ruleId: "RS-IMAGE-PINNED",
    tweak: (s: ReadyStack) => s.api.deployment.addOverride("spec.template.spec.container.0.image", "ghcr.io/offgridflow/api:latest"),
  },
  {
    what: "a local Terraform backend",
    ruleId: "RS-REMOTE-BACKEND",
    props: (p: ReadyStackProps): ReadyStackProps => ({ ...p, backend: { local: { path: "terraform.tfstate" } } }),
  },
])("breaking the reference stack: $what", ({ ruleId, props, tweak }) => {
  const out = synth(props ? props(referenceProps()) : referenceProps(), tweak);

  test(`synth fails naming ${ruleId}`, () => {
    expect(out.error).toBeDefined();
    expect(out.error!.message).toContain(ruleId);
  });

  test("no cdk.tf.json is written, the reports are", () => {
    expect(out.files).not.toContain("cdk.tf.json");
    expect(out.files).toEqual(expect.arrayContaining(["readiness.json", "readiness.md", "readiness.sarif"]));
  });

  test("the four reports say the same thing", () => {
    const json = JSON.parse(read(out.dir, "readiness.json"));
    expect(json.passed).toBe(false);
    expect(JSON.stringify(json.findings)).toContain(ruleId);
    expect(read(out.dir, "readiness.md")).toContain(ruleId);
    const sarif = JSON.parse(read(out.dir, "readiness.sarif"));
    const results = sarif.runs[0].results as { ruleId: string; level: string; suppressions?: unknown[] }[];
    expect(results.some((r) => r.ruleId.startsWith(ruleId) && r.level === "error" && !r.suppressions)).toBe(true);
  });
});

test("an unpinned image given as a prop is refused at construction, naming the field and the rule", () => {
  const p = referenceProps();
  const out = synth({ ...p, api: { ...p.api, image: "ghcr.io/offgridflow/api:latest" } });
  expect(out.error).toBeInstanceOf(ReadystackConfigError);
  expect(out.error!.message).toContain('invalid image "ghcr.io/offgridflow/api:latest"');
  expect(out.files).toEqual([]);
});
