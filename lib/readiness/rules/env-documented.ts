import { apiWorkloads, block, findingOn, findNamed, isRecord, staticString, type Workload } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** Env var names an API workload's main containers get: env entries plus keys of ConfigMaps/Secrets loaded with envFrom. */
function envNames(ctx: RuleContext, w: Workload): Set<string> {
  const names = new Set<string>();
  for (const c of w.containers) {
    for (const e of c.env) names.add(e.name);
    for (const ef of c.envFrom) {
      const prefix = staticString(ctx, ef.prefix) ?? "";
      const cmRef = block(ef, "configMapRef");
      const secRef = block(ef, "secretRef");
      const target = cmRef
        ? findNamed(ctx, "ConfigMap", w.namespace, cmRef.name)
        : secRef
          ? findNamed(ctx, "Secret", w.namespace, secRef.name)
          : undefined;
      if (!target) continue;
      for (const key of ["data", "stringData", "binaryData"]) {
        const map = target.object[key];
        for (const k of Object.keys(isRecord(map) ? map : {})) names.add(`${prefix}${k}`);
      }
    }
  }
  return names;
}

/** RS-ENV-DOCUMENTED: every env var of the API is documented in `//.readystack.envExample`. */
export const envDocumentedRule: Rule = {
  id: "RS-ENV-DOCUMENTED",
  criterion: "config-documented",
  level: "mandatory",
  title: "Every environment variable of the API is documented (name, secret or not, description) for .env.example",
  rationale:
    "Undocumented configuration is configuration nobody can reproduce: a developer or operator must know every variable the " +
    "service reads, which are secrets, and what each means. readystack generates .env.example from this list.",
  remediation:
    "Build the API with ApiService (it documents its env), or record `//.readystack.envExample` = [{ name, secret, description }] " +
    "on the Deployment (setReadystackMetadata) with an entry for every env var.",
  check(ctx: RuleContext): RuleOutcome {
    const apis = apiWorkloads(ctx);
    if (apis.length === 0) return { findings: [], evidence: [], applicable: false };
    const findings = [];
    const evidence: string[] = [];
    for (const w of apis) {
      const names = envNames(ctx, w);
      const raw = w.model.objectRef === undefined ? w.resource.readystack.envExample : undefined;
      if (!Array.isArray(raw)) {
        if (names.size === 0) {
          evidence.push(w.at);
          continue;
        }
        findings.push(findingOn(w.model,
          `${w.at} has ${names.size} env var(s) (${[...names].join(", ")}) but no //.readystack.envExample list documenting them.`,
          `Use ApiService, or setReadystackMetadata(deployment, "envExample", [{ name, secret, description }, ...]) on ${w.at}.`));
        continue;
      }
      const documented = new Map<string, Record<string, unknown>>();
      for (const entry of raw) if (isRecord(entry) && typeof entry.name === "string") documented.set(entry.name, entry);
      const missing = [...names].filter((n) => !documented.has(n));
      const undescribed = [...documented.values()]
        .filter((e) => typeof e.description !== "string" || e.description.trim() === "")
        .map((e) => String(e.name));
      const unflagged = [...documented.values()].filter((e) => typeof e.secret !== "boolean").map((e) => String(e.name));
      if (missing.length > 0) {
        findings.push(findingOn(w.model, `${w.at} env var(s) ${missing.join(", ")} are missing from //.readystack.envExample.`,
          `Add { name, secret, description } entries for ${missing.join(", ")} to envExample of ${w.at}.`));
      }
      if (undescribed.length > 0) {
        findings.push(findingOn(w.model, `${w.at} envExample entries ${undescribed.join(", ")} have no description.`,
          "Give every envExample entry a one-line description."));
      }
      if (unflagged.length > 0) {
        findings.push(findingOn(w.model, `${w.at} envExample entries ${unflagged.join(", ")} do not say whether they are secret (secret: true|false).`,
          "Set secret: true or false on every envExample entry."));
      }
      if (missing.length === 0 && undescribed.length === 0 && unflagged.length === 0) evidence.push(w.at);
    }
    return { findings, evidence };
  },
};
