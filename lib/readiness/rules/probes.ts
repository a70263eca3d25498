import { block, containerPorts, findingOn, probe, scalarString, workloads, type ContainerView, type ProbeKind } from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

const PROBES: readonly ProbeKind[] = ["readinessProbe", "livenessProbe", "startupProbe"];

/** Port problems of a container's httpGet/tcpSocket probes: named or numbered ports it does not declare. */
function badProbePorts(ctx: RuleContext, c: ContainerView): string[] {
  const { numbers, names } = containerPorts(c);
  const problems: string[] = [];
  for (const kind of PROBES) {
    const p = probe(c, kind);
    if (!p) continue;
    for (const handler of ["httpGet", "tcpSocket"] as const) {
      const h = block(p, handler);
      if (!h || h.port === undefined) continue;
      const port = scalarString(ctx.staticValue(h.port));
      if (port === undefined) continue; // not statically known: nothing to compare
      if (/^\d+$/.test(port)) {
        if (!numbers.has(Number(port))) problems.push(`${kind}.${handler}.port ${port} is not a containerPort of ${c.label}`);
      } else if (!names.has(port)) {
        problems.push(`${kind}.${handler}.port "${port}" names no port of ${c.label}`);
      }
    }
  }
  return problems;
}

/** RS-PROBES: every long-running container has readiness and liveness probes on ports it declares. */
export const probesRule: Rule = {
  id: "RS-PROBES",
  criterion: "startup",
  packs: ["readystack", "kubernetes"],
  level: "mandatory",
  title: "Every long-running container has a readiness and a liveness probe on a port it declares",
  rationale:
    "Without a readiness probe a pod gets traffic before it can serve it; without a liveness probe a hung process is never restarted. " +
    "A probe on a port the container does not declare fails for ever and keeps the pod out of service.",
  remediation:
    "Add readinessProbe and livenessProbe (httpGet, tcpSocket, exec or grpc) to every container of Deployments, StatefulSets, DaemonSets " +
    "and Pods, and point httpGet/tcpSocket at a containerPort (by number) or a port name the container declares.",
  check(ctx: RuleContext): RuleOutcome {
    const findings = [];
    const evidence: string[] = [];
    const longRunning = workloads(ctx).filter((w) => w.longRunning);
    for (const w of longRunning) {
      let ok = w.containers.length > 0;
      for (const c of w.containers) {
        const missing = (["readinessProbe", "livenessProbe"] as const).filter((k) => !probe(c, k));
        if (missing.length > 0) {
          ok = false;
          findings.push(
            findingOn(w.model, `${w.at} ${c.label} has no ${missing.join(" and no ")} (missing).`,
              `Add ${missing.join(" and ")} to ${c.label} of ${w.at}.`),
          );
        }
        for (const problem of badProbePorts(ctx, c)) {
          ok = false;
          findings.push(findingOn(w.model, `${w.at}: ${problem}.`,
            `Declare the port on ${c.label} (ports: [{ containerPort, name }]) or point the probe at a declared one.`));
        }
      }
      if (ok) evidence.push(w.at);
    }
    return { findings, evidence, applicable: longRunning.length > 0 };
  },
};
