import { parseImageReference } from "../../k8s/validate";
import { containerImages, findingAt, findingOn, helmReleases, staticString, type RuleFinding } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** An exact chart version: x.y.z with an optional pre-release/build suffix; no ranges, wildcards or blanks. */
export const EXACT_VERSION = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/;

/** RS-IMAGE-PINNED: every image has a tag (not latest) or a digest; every Helm chart an exact version. */
export const imagePinnedRule: Rule = {
  id: "RS-IMAGE-PINNED",
  criterion: "artifacts-pinned",
  packs: ["readystack", "kubernetes"],
  level: "mandatory",
  title: "Every container image is pinned by tag (not latest) or digest, and every Helm chart by an exact version",
  rationale:
    "An unpinned image or chart changes under you: two applies of the same code deploy different software, rollbacks " +
    "do not roll back, and nobody can say what runs in production. Pinned references are also the artifact inventory.",
  remediation:
    "Use image references like `postgres:17.6-bookworm` or `name@sha256:<digest>` (never `:latest` or no tag), and set an exact " +
    "`version` (e.g. 6.40.0, no ^ ~ >= * or empty) on every helm_release.",
  check(ctx: RuleContext): RuleOutcome {
    const findings: RuleFinding[] = [];
    const evidence: string[] = [];
    const images = containerImages(ctx);
    // No container and no chart: no artifact to pin.
    if (images.length === 0 && helmReleases(ctx).length === 0) return { findings, evidence, applicable: false };
    for (const use of images) {
      const { workload: w, container: c } = use;
      const at = `${w.at} ${c.label}`;
      if (use.image === undefined || use.image === "") {
        findings.push(findingOn(w.model, `${at} has image ${JSON.stringify(c.rawImage ?? null)}, which is not a statically known reference.`,
          `Set a literal, pinned image on ${c.label} of ${w.at}.`));
        continue;
      }
      const ref = parseImageReference(use.image);
      if (!ref) {
        findings.push(findingOn(w.model, `${at} has malformed image "${use.image}".`));
      } else if (ref.digest === undefined && ref.tag === undefined) {
        findings.push(findingOn(w.model, `${at} image "${use.image}" has no tag or digest (means :latest).`,
          `Pin "${use.image}" to a version tag or a digest.`));
      } else if (ref.digest === undefined && ref.tag === "latest") {
        findings.push(findingOn(w.model, `${at} image "${use.image}" uses the moving tag :latest.`,
          `Replace :latest in "${use.image}" with a version tag or a digest.`));
      } else {
        evidence.push(`${w.at} ${c.name}=${use.image}`);
      }
    }
    for (const rel of helmReleases(ctx)) {
      const chart = staticString(ctx, rel.resource.body.chart) ?? "";
      if (/^(\.{0,2}\/|file:)/.test(chart)) {
        evidence.push(`${rel.resource.address} chart=${chart} (local)`);
        continue;
      }
      if (rel.version === undefined || !EXACT_VERSION.test(rel.version.trim())) {
        findings.push(findingAt(rel.resource,
          `${rel.resource.address} (chart ${rel.chart}) has version ${rel.version === undefined ? "unset" : `"${rel.version}"`}, not an exact chart version.`,
          `Set version to an exact release of chart ${rel.chart} (e.g. "1.2.3") on ${rel.resource.address}.`));
      } else {
        evidence.push(`${rel.resource.address} chart=${rel.chart}@${rel.version}`);
      }
    }
    return { findings, evidence };
  },
};
