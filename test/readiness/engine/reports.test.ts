import { readFileSync } from "fs";
import { join } from "path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { runReadiness } from "../../../lib/readiness/engine";
import { renderConsole, shouldColor } from "../../../lib/readiness/reports/console";
import { renderJson } from "../../../lib/readiness/reports/json";
import { renderMarkdown } from "../../../lib/readiness/reports/markdown";
import { fingerprint, renderSarif, ruleName } from "../../../lib/readiness/reports/sarif";
import { cdktfStringify } from "../../../lib/readiness/stable-json";
import type { TerraformJson } from "../../../lib/readiness/types";
import { nameRule, passRule } from "./helpers";

const json: TerraformJson = {
  "//": { metadata: { stackName: "shop", backend: "local", version: "0.21.0" } },
  resource: {
    kubernetes_deployment_v1: {
      api: {
        "//": { metadata: { path: "shop/api/deployment" } },
        metadata: { name: "bad" },
        spec: { template: { spec: { container: [{ name: "api", image: "ghcr.io/acme/api:1.4.2" }] } } },
      },
      legacy: {
        "//": { metadata: { path: "shop/legacy" }, readystack: { waivers: [{ ruleId: "RS-NAME", reason: "legacy | kept until Q3" }] } },
        metadata: { name: "bad" },
      },
      worker: { metadata: { name: "good" } },
    },
    helm_release: { loki: { chart: "loki", repository: "https://grafana-community.github.io/helm-charts", version: "6.40.0" } },
  },
};
const source = cdktfStringify(json);
const rules = [
  nameRule("RS-NAME", "startup", "mandatory", "kubernetes_deployment_v1", ["bad"]),
  nameRule("RS-SCALE", "autoscaling", "recommended", "kubernetes_deployment_v1", ["bad"]),
  passRule("RS-SEC", "security", ["kubernetes_deployment_v1.worker"]),
  passRule("RS-MIG", "migrations", ["kubernetes_deployment_v1.worker"]),
];
const result = runReadiness(json, { rules, source, artifact: "cdktf.out/stacks/shop/cdk.tf.json" });

describe("cdktfStringify", () => {
  it("matches cdktf's json-stable-stringify output byte for byte", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const stable = require(require.resolve("json-stable-stringify", { paths: [require.resolve("cdktf")] })) as (v: unknown, o: object) => string;
    const sample = { b: [1, { z: null, a: [] }, "x"], a: {}, c: { "//": { k: undefined, j: true } }, "A": [[]] };
    expect(cdktfStringify(sample)).toBe(stable(sample, { space: 2 }));
    expect(cdktfStringify(json)).toBe(stable(json, { space: 2 }));
  });
});

describe("readiness.json", () => {
  it("has schemaVersion 1.2 and every section", () => {
    const doc = JSON.parse(renderJson(result));
    expect(doc.schemaVersion).toBe("1.2");
    expect(doc.generator.name).toBe("readystack");
    expect(doc).toMatchObject({ stack: "shop", strict: false, passed: false, artifact: "cdktf.out/stacks/shop/cdk.tf.json" });
    expect(Object.keys(doc)).toEqual(["schemaVersion", "generator", "stack", "artifact", "strict", "passed", "scorecard", "criteria", "findings", "waivers", "inventory", "coverage", "selection", "rules"]);
    expect(doc.criteria).toHaveLength(13);
    expect(doc.criteria[0]).toMatchObject({ id: "startup", status: "unmet", rules: ["RS-NAME"], evidence: ["kubernetes_deployment_v1.worker"] });
    expect(doc.findings.find((f: { waivedReason?: string }) => f.waivedReason)).toMatchObject({ address: "kubernetes_deployment_v1.legacy" });
    expect(doc.inventory).toHaveLength(2);
    expect(doc.scorecard.mandatory).toMatchObject({ met: 1, unmet: 1, total: 6 });
  });
});

describe("readiness.md", () => {
  const md = renderMarkdown(result);
  it("shows the verdict, x/6 and y/5, sections and tables", () => {
    expect(md).toMatch(/^# Readiness report: shop\n/);
    expect(md).toContain("**Verdict: FAILED**");
    expect(md).toContain("Mandatory 1/6");
    expect(md).toContain("Recommended 0/5");
    expect(md).toContain("### Stack starts cleanly — ❌ unmet");
    expect(md).toContain("| error | `RS-NAME` | `kubernetes_deployment_v1.api` | kubernetes_deployment_v1.api is named bad | RS-NAME remediation |");
    expect(md).toContain("| `kubernetes_deployment_v1.worker` |");
    expect(md).toContain("## Security");
    expect(md).toContain("## Artifact inventory");
    expect(md).toContain("| image | `ghcr.io/acme/api` | 1.4.2 | — | yes | `kubernetes_deployment_v1.api` | api |");
  });
  it("lists waivers with reasons, escaping table pipes", () => {
    expect(md).toContain("## Waivers");
    expect(md).toContain("legacy \\| kept until Q3");
    expect(md).toContain("applied (1)");
  });
});

describe("configuration facts beside the evidence", () => {
  const fact = "off-site copy configured: s3://shop-backups/shop | postgres via https://s3.example.com";
  const withFacts = runReadiness(json, {
    rules: [
      ...rules,
      {
        ...passRule("RS-COPY", "backups-validated", ["kubernetes_deployment_v1.worker"]),
        check: () => ({ findings: [], evidence: ["kubernetes_deployment_v1.worker"], configuration: [fact, fact] }),
      },
    ],
    source,
  });
  it("reaches the criterion once (readiness.json) and only the criterion whose rule reported it", () => {
    const doc = JSON.parse(renderJson(withFacts));
    const backups = doc.criteria.find((c: { id: string }) => c.id === "backups-validated");
    expect(backups).toMatchObject({ status: "met", evidence: ["kubernetes_deployment_v1.worker"], configuration: [fact] });
    expect(doc.criteria.filter((c: { configuration?: unknown }) => c.configuration !== undefined)).toHaveLength(1);
  });
  it("shows under its criterion in readiness.md as the stack's setup, apart from the evidence", () => {
    const md = renderMarkdown(withFacts);
    const section = md.slice(md.indexOf("### Backups validated"), md.indexOf("###", md.indexOf("### Backups validated") + 3));
    expect(section).toContain("| `kubernetes_deployment_v1.worker` |");
    expect(section).toContain("| Configured (the stack's setup, not a run result) |\n| --- |\n| off-site copy configured: s3://shop-backups/shop \\| postgres via https://s3.example.com |");
    expect(renderMarkdown(result)).not.toContain("Configured (the stack's setup");
  });
});

describe("readiness.sarif", () => {
  const log = JSON.parse(renderSarif(result));
  it("validates against the SARIF 2.1.0 JSON schema", () => {
    const schema = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "sarif-schema-2.1.0.json"), "utf8"));
    // The schema is draft-04 (`id`, `$schema` draft-04); Ajv 8 speaks draft-07, which validates it the same way here.
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    // unicodeRegExp off: the rtm.5 schema has a language pattern with a stray `]` that only non-unicode regexps accept.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // And the schema is really checking: a wrong level fails.
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = "fatal";
    expect(validate(broken)).toBe(false);
  });
  it("describes the tool and every rule", () => {
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: "readystack", version: result.generator.version });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const rule = driver.rules.find((r: { id: string }) => r.id === "RS-SCALE");
    expect(rule).toEqual({
      id: "RS-SCALE",
      name: "Scale",
      shortDescription: { text: "RS-SCALE title" },
      fullDescription: { text: "RS-SCALE rationale" },
      help: expect.objectContaining({ text: expect.stringContaining("RS-SCALE remediation"), markdown: expect.stringContaining("RS-SCALE remediation") }),
      defaultConfiguration: { level: "warning" },
      properties: expect.objectContaining({ criterion: "autoscaling" }),
    });
    expect(driver.rules.map((r: { id: string }) => r.id)).toContain("RS-WAIVER-UNUSED");
    expect(ruleName("RS-HPA-MIN-REPLICAS")).toBe("HpaMinReplicas");
  });
  it("gives each finding rule index, level, location with the resource line, logical location and fingerprint", () => {
    const results = log.runs[0].results;
    const lines = source.split("\n");
    for (const r of results) {
      expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      const loc = r.locations[0];
      expect(loc.physicalLocation.artifactLocation.uri).toBe("cdktf.out/stacks/shop/cdk.tf.json");
      const address: string = loc.logicalLocations[0].fullyQualifiedName;
      expect(lines[loc.physicalLocation.region.startLine - 1].trim()).toBe(`"${address.split(".")[1]}": {`);
      expect(r.partialFingerprints["readystack/v1"]).toBe(fingerprint(r.ruleId, address));
      expect(r.partialFingerprints["readystack/v1"]).toMatch(/^[0-9a-f]{64}$/);
    }
    const api = results.find((r: { ruleId: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }) => r.ruleId === "RS-SCALE" && r.locations[0].logicalLocations[0].fullyQualifiedName.endsWith(".api"));
    expect(api.level).toBe("warning");
  });
  it("marks waived findings with an inSource suppression carrying the reason", () => {
    const waived = log.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(waived).toHaveLength(1);
    expect(waived[0]).toMatchObject({ ruleId: "RS-NAME", level: "error", suppressions: [{ kind: "inSource", justification: "legacy | kept until Q3" }] });
  });
});

describe("console scorecard", () => {
  it("is plain without colour and coloured with it", () => {
    const plain = renderConsole(result);
    expect(plain).not.toContain("\u001b[");
    expect(plain.split("\n")[0]).toBe(
      "readystack shop: FAILED — mandatory 1/6 (4 not checked), recommended 0/5 (4 not checked), security 1/1; 1 error(s), 2 warning(s), 1 waived",
    );
    expect(plain).toContain("  ✘ Stack starts cleanly");
    expect(renderConsole(result, { color: true })).toContain("\u001b[31mFAILED\u001b[0m");
  });
  it("respects NO_COLOR and non-TTY streams", () => {
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({}, {})).toBe(false);
  });
});
