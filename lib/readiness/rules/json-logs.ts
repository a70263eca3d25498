import {
  apiWorkloads, block, configMapData, configMapKeyRef, findingOn, findingOnShipper, findNamed, logShippers, objectLabel,
  shipperParsesJson, staticString, type ContainerView, type Workload,
} from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** The LOG_FORMAT a container gets, and where from; undefined when it gets none. */
function logFormat(ctx: RuleContext, w: Workload, c: ContainerView): { value?: string; from: string } | undefined {
  const e = c.env.find((v) => v.name === "LOG_FORMAT");
  if (e) {
    if (e.value !== undefined) return { value: staticString(ctx, e.value), from: "env" };
    const ref = configMapKeyRef(e);
    if (ref) {
      const cm = findNamed(ctx, "ConfigMap", w.namespace, ref.name);
      const key = staticString(ctx, ref.key);
      if (!cm || key === undefined) return { from: "a ConfigMap not in the stack" };
      return { value: configMapData(ctx, cm)[key], from: objectLabel(cm) };
    }
    return { from: "env valueFrom" };
  }
  for (const ef of c.envFrom) {
    const cmRef = block(ef, "configMapRef");
    if (!cmRef) continue;
    const cm = findNamed(ctx, "ConfigMap", w.namespace, cmRef.name);
    if (!cm) continue;
    const prefix = staticString(ctx, ef.prefix) ?? "";
    for (const [k, v] of Object.entries(configMapData(ctx, cm))) {
      if (`${prefix}${k}` === "LOG_FORMAT") return { value: v, from: objectLabel(cm) };
    }
  }
  return undefined;
}

/** RS-JSON-LOGS: API containers log JSON and a shipper parses it. */
export const jsonLogsRule: Rule = {
  id: "RS-JSON-LOGS",
  criterion: "json-logging",
  level: "mandatory",
  title: "API containers log JSON (LOG_FORMAT=json) and the log shipper parses JSON lines",
  rationale:
    "Structured logs are only useful end to end: the application must write JSON and the shipper must parse it into fields " +
    "(level, request id, latency) so they can be queried and alerted on in Loki.",
  remediation:
    "Set LOG_FORMAT=json on every API container (directly, or through a ConfigMap loaded with valueFrom.configMapKeyRef/envFrom), and " +
    "ship with Grafana Alloy (a `stage.json` in the loki.process pipeline) or Promtail (a `json` entry in pipeline_stages).",
  check(ctx: RuleContext): RuleOutcome {
    const apis = apiWorkloads(ctx);
    if (apis.length === 0) return { findings: [], evidence: [], applicable: false };
    const findings = [];
    const evidence: string[] = [];
    for (const w of apis) {
      let ok = true;
      for (const c of w.containers) {
        const lf = logFormat(ctx, w, c);
        if (lf?.value !== undefined && lf.value.trim().toLowerCase() === "json") continue;
        ok = false;
        const got = lf === undefined ? "LOG_FORMAT is not set" : `LOG_FORMAT is ${lf.value === undefined ? "not statically known" : `"${lf.value}"`} (from ${lf.from})`;
        findings.push(findingOn(w.model, `${w.at} ${c.label}: ${got}; JSON logs need LOG_FORMAT=json.`,
          `Set env LOG_FORMAT = "json" on ${c.label} of ${w.at}.`));
      }
      if (ok) evidence.push(w.at);
    }
    const shippers = logShippers(ctx);
    if (shippers.length === 0) {
      findings.push({ message: "No log shipper: no helm_release of chart promtail/alloy and no promtail/alloy DaemonSet ships the JSON logs." });
    }
    for (const s of shippers) {
      if (shipperParsesJson(s)) {
        evidence.push(s.at);
      } else {
        findings.push(findingOnShipper(s,
          `${s.at} (${s.kind}) does not parse JSON: ${s.kind === "alloy" ? "no stage.json in its config" : "no json stage in pipeline_stages"}.`,
          s.kind === "alloy"
            ? `Add a stage.json block to the loki.process pipeline of ${s.at}.`
            : `Add "- json: {expressions: {...}}" to config.snippets.pipelineStages of ${s.at}.`));
      }
    }
    return { findings, evidence };
  },
};
