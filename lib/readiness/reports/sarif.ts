import { createHash } from "crypto";
import type { Log, ReportingDescriptor, Result, Run } from "sarif";
import type { ReadinessResult, RuleSummary } from "../result";
import { INFORMATION_URI } from "../version";

/** Artifact URI used when the result does not say which file was checked. */
export const DEFAULT_ARTIFACT = "cdk.tf.json";

/** `RS-HPA-MIN-REPLICAS` → `HpaMinReplicas` (SARIF rule names are identifiers, ids stay stable). */
export function ruleName(id: string): string {
  const parts = id.split(/[^A-Za-z0-9]+/).filter((p) => p.length > 0);
  const words = parts[0] === "RS" && parts.length > 1 ? parts.slice(1) : parts;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join("");
}

/** Stable fingerprint of a finding across runs: sha256 of rule id + address. */
export function fingerprint(ruleId: string, address: string | undefined): string {
  return createHash("sha256").update(`${ruleId}${address ?? ""}`).digest("hex");
}

function descriptor(rule: RuleSummary): ReportingDescriptor {
  const criterion = rule.criterion ?? "engine";
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.title}\n\nWhy: ${rule.rationale}\n\nFix: ${rule.remediation}`,
      markdown: `**${rule.title}**\n\n*Why:* ${rule.rationale}\n\n*Fix:* ${rule.remediation}`,
    },
    defaultConfiguration: { level: rule.severity },
    properties: {
      criterion,
      level: rule.level,
      tags: ["readiness", criterion],
      ...(rule.packs !== undefined ? { packs: [...rule.packs] } : {}),
      ...(rule.applicable !== undefined ? { applicable: rule.applicable } : {}),
    },
  };
}

/** readiness.sarif: SARIF 2.1.0, one result per finding (waived ones carry an inSource suppression). */
export function renderSarif(result: ReadinessResult): string {
  return renderSarifLog([result]);
}

/** One SARIF log with one run per checked stack (the CLI over a cdktf.out with several stacks). */
export function renderSarifLog(results: readonly ReadinessResult[]): string {
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: results.map(sarifRun),
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The SARIF run of one result. */
export function sarifRun(result: ReadinessResult): Run {
  const uri = result.artifact ?? DEFAULT_ARTIFACT;
  const index = new Map<string, number>();
  const rules = result.rules.map((r, i) => {
    index.set(r.id, i);
    return descriptor(r);
  });
  const results: Result[] = result.findings.map((f) => {
    const res: Result = {
      ruleId: f.ruleId,
      level: f.severity,
      message: { text: `${f.message} Fix: ${f.remediation}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri },
            region: { startLine: f.line !== undefined && f.line >= 1 ? f.line : 1 },
          },
          ...(f.address !== undefined
            ? { logicalLocations: [{ fullyQualifiedName: f.address, kind: "resource" }] }
            : {}),
        },
      ],
      partialFingerprints: { "readystack/v1": fingerprint(f.ruleId, f.address) },
      properties: {
        ...(f.criterion !== undefined ? { criterion: f.criterion } : {}),
        ...(f.constructPath !== undefined ? { constructPath: f.constructPath } : {}),
        ...(f.objectRef !== undefined ? { objectRef: f.objectRef } : {}),
      },
    };
    const ruleIndex = index.get(f.ruleId);
    if (ruleIndex !== undefined) res.ruleIndex = ruleIndex;
    if (f.waivedReason !== undefined) res.suppressions = [{ kind: f.waiverSource === "config" ? "external" : "inSource", justification: f.waivedReason }];
    return res;
  });
  return {
    tool: {
      driver: {
        name: "readystack",
        informationUri: INFORMATION_URI,
        version: result.generator.version,
        semanticVersion: result.generator.version,
        rules,
      },
    },
    artifacts: [{ location: { uri } }],
    results,
    properties: {
      ...(result.stack !== undefined ? { stack: result.stack } : {}),
      strict: result.strict,
      passed: result.passed,
      ...(result.selection.pack !== undefined ? { pack: result.selection.pack } : {}),
      criteria: Object.fromEntries(result.criteria.map((c) => [c.id, c.label])),
      notApplicable: result.criteria.filter((c) => c.status === "not-applicable").map((c) => c.id),
      coverage: {
        resources: result.coverage.resources,
        objects: result.coverage.objects,
        notAnalysed: result.coverage.notAnalysed.map((n) => ({ ...n })),
        otherProviders: { ...result.coverage.otherProviders },
      },
      waivers: result.waivers.map((w) => ({
        ruleId: w.ruleId,
        source: w.source,
        ...(w.file !== undefined ? { file: w.file } : {}),
        status: w.status,
        reason: w.reason,
        addresses: [...w.addresses],
      })),
    },
  };
}
