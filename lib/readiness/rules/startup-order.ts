import {
  DEPENDENCY_NAMES, DEPENDENCY_TOOLS, containerDependencies, envStaticValue, hostTokens, isDataWorkload, type Dependency,
} from "../dependencies";
import { commandLine, findingOn, first, probe, staticString, workloads, type ContainerView, type Workload } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** `$VAR`, `${VAR}` and `$(VAR)` in a command line. */
const VAR_USE = /\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** A container's command line with its own env values put in for `$VAR`/`${VAR}`/`$(VAR)`. */
function expandedCommand(ctx: RuleContext, w: Workload, c: ContainerView, words: readonly string[]): string {
  const env = new Map<string, string>();
  for (const e of c.env) {
    const v = envStaticValue(ctx, w, e);
    if (v !== undefined) env.set(e.name, v);
  }
  return words.join(" ").replace(VAR_USE, (whole, a?: string, b?: string, d?: string) => {
    const name = a ?? b ?? d ?? "";
    return env.has(name) ? `${whole} ${env.get(name)}` : whole;
  });
}

/** Whether a text names the dependency's host (a StatefulSet pod host `pod.svc.ns...` included). */
function namesHost(text: string, dep: Dependency): boolean {
  if (dep.hosts.length === 0) return false;
  const hosts = new Set(dep.hosts);
  return hostTokens(text).some((t) => hosts.has(t) || (t.includes(".") && hosts.has(t.slice(t.indexOf(".") + 1))));
}

/** Whether a text names the dependency: runs its client tool, or names its host. */
function namesDependency(text: string, dep: Dependency): boolean {
  return DEPENDENCY_TOOLS[dep.kind].test(text) || namesHost(text, dep);
}

/**
 * Whether an init container waits for the dependency: its command/args (with its env put in for
 * `$VAR`) run the dependency's tool or name its host; an init container without a command (the
 * image's entrypoint does the waiting) counts when its env names the host. A bare `sleep`, `wait`
 * or `true` names nothing and waits for nothing.
 */
function initWaitsFor(ctx: RuleContext, w: Workload, ic: ContainerView, dep: Dependency): boolean {
  const words = commandLine(ctx, ic);
  if (words.length > 0) return namesDependency(expandedCommand(ctx, w, ic, words), dep);
  const envText = ic.env.map((e) => envStaticValue(ctx, w, e) ?? "").join(" ");
  return namesHost(envText, dep);
}

/** Whether the container's startupProbe checks the dependency (exec running its tool or naming its host, or a probe `host` on it). */
function startupProbeWaitsFor(ctx: RuleContext, w: Workload, c: ContainerView, dep: Dependency): boolean {
  const p = probe(c, "startupProbe");
  if (!p) return false;
  const exec = first(p.exec);
  const cmd = exec ? [exec.command].flat().map((a) => staticString(ctx, a)).filter((a): a is string => a !== undefined) : [];
  if (cmd.length > 0 && namesDependency(expandedCommand(ctx, w, c, cmd), dep)) return true;
  for (const kind of ["httpGet", "tcpSocket", "grpc"]) {
    const host = staticString(ctx, first(p[kind])?.host);
    if (host !== undefined && namesHost(host, dep)) return true;
  }
  return false;
}

/** RS-STARTUP-ORDER: a workload waits for each Postgres/Redis it needs (init container or startup probe naming it). */
export const startupOrderRule: Rule = {
  id: "RS-STARTUP-ORDER",
  criterion: "startup",
  level: "mandatory",
  title: "A long-running workload that needs Postgres or Redis waits for it before it starts",
  rationale:
    "On a fresh install or after a node loss the database comes up after the API. An API that starts first crash-loops, " +
    "backs off for minutes and floods the logs. Each dependency needs its own waiting step: a `sleep` or a wait for " +
    "Postgres says nothing about Redis.",
  remediation:
    "For each dependency add an init container that waits for it by name (e.g. `until pg_isready -h $PGHOST; do sleep 2; done`, " +
    "`until redis-cli -h $REDIS_HOST ping; do sleep 2; done`), or a startupProbe on the dependent container whose exec " +
    "command checks it.",
  check(ctx: RuleContext): RuleOutcome {
    const findings = [];
    const evidence: string[] = [];
    let anyDepends = false;
    for (const w of workloads(ctx)) {
      if (!w.longRunning || isDataWorkload(w)) continue;
      let depends = false;
      let ok = true;
      for (const c of w.containers) {
        for (const dep of containerDependencies(ctx, w, c)) {
          depends = true;
          if (w.initContainers.some((ic) => initWaitsFor(ctx, w, ic, dep)) || startupProbeWaitsFor(ctx, w, c, dep)) continue;
          ok = false;
          const name = DEPENDENCY_NAMES[dep.kind];
          const tools = dep.kind === "postgres" ? "pg_isready/psql" : "redis-cli";
          const hosts = dep.hosts.length > 0 ? ` or names its host (${dep.hosts[dep.hosts.length > 1 ? 1 : 0]})` : "";
          findings.push(findingOn(w.model,
            `${w.at} ${c.label} depends on ${name} (${dep.via}) but nothing waits for it: no init container runs ${tools}${hosts}, and no startupProbe checks it.`,
            `Add an init container to ${w.at} that waits for ${name} (${dep.kind === "postgres" ? "until pg_isready -h $PGHOST; do sleep 2; done" : "until redis-cli -h $REDIS_HOST ping; do sleep 2; done"}), or an exec startupProbe on ${c.label} that checks it.`));
        }
      }
      if (depends && ok) evidence.push(w.at);
      anyDepends ||= depends;
    }
    // Without a workload that needs Postgres or Redis there is no startup order to check.
    return anyDepends ? { findings, evidence } : { findings, evidence, applicable: false };
  },
};
