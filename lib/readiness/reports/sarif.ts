import { createHash } from "crypto";
import { pathToFileURL } from "url";
import type { Log, ReportingDescriptor, Result, Run } from "sarif";
import type { ReadinessResult, RuleSummary } from "../result";
import { INFORMATION_URI } from "../version";

/** Artifact URI used when the result does not say which file was checked. */
export const DEFAULT_ARTIFACT = "cdk.tf.json";

/** `RS-HPA-REPLICAS` → `HpaReplicas` (SARIF rule names are identifiers, ids stay stable). */
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

/** How artifact URIs are written. */
export interface SarifUriOptions {
  /**
   * The directory relative artifact paths are relative to: written as `uriBaseId` `%SRCROOT%` with this
   * directory (an absolute path) in `originalUriBaseIds`. Without it, relative paths are relative to the
   * directory the tool ran in (GitHub code scanning resolves them against the repository root).
   * @default - none
   */
  readonly root?: string;
}

/** The SARIF base id relative artifact URIs use when a root is given. */
export const SRCROOT = "%SRCROOT%";

/**
 * A SARIF artifact location for a path: a relative path becomes a relative URI reference (forward slashes,
 * percent-encoded segments), with the `%SRCROOT%` base id when a root is given; an absolute path becomes an
 * absolute `file:` URI with no base id. Never an absolute path inside a relative URI (SARIF1004).
 */
export function artifactLocation(path: string, options: SarifUriOptions = {}): { uri: string; uriBaseId?: string } {
  if (/^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(path)) return { uri: path };
  if (path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith("\\\\")) return { uri: pathToFileURL(path).href };
  const uri = path.split(/[\\/]/).filter((s) => s !== "" && s !== ".").map(encodeURIComponent).join("/");
  return options.root !== undefined ? { uri, uriBaseId: SRCROOT } : { uri };
}

/** readiness.sarif: SARIF 2.1.0, one result per finding (waived ones carry an inSource suppression). */
export function renderSarif(result: ReadinessResult, options: SarifUriOptions = {}): string {
  return renderSarifLog([result], options);
}

/** One SARIF log with one run per checked stack (the CLI over a cdktf.out with several stacks). */
export function renderSarifLog(results: readonly ReadinessResult[], options: SarifUriOptions = {}): string {
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: results.map((r) => sarifRun(r, options)),
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** `file:` URI of a directory, ending in `/` as SARIF requires of a base. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** The SARIF run of one result. */
export function sarifRun(result: ReadinessResult, options: SarifUriOptions = {}): Run {
  const location = artifactLocation(result.artifact ?? DEFAULT_ARTIFACT, options);
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
            artifactLocation: f.artifact !== undefined ? artifactLocation(f.artifact, options) : { ...location },
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
    artifacts: [location, ...[...new Set(result.findings.flatMap((f) => (f.artifact !== undefined ? [f.artifact] : [])))].map((a) => artifactLocation(a, options))]
      .filter((l, i, all) => all.findIndex((o) => o.uri === l.uri) === i)
      .map((l) => ({ location: { ...l } })),
    ...(location.uriBaseId !== undefined && options.root !== undefined
      ? { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.root) } } }
      : {}),
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
