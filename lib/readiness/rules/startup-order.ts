import {
  commandLine, componentOf, findingAt, isPostgresWorkload, isRedisWorkload, probe, serviceTargets, services,
  staticString, workloads, type ContainerView, type ServiceView,
} from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** Env names that mean "this process talks to Postgres or Redis". */
const DEPENDENCY_ENV = /^(PGHOST|PG_HOST|POSTGRES_HOST|POSTGRES_URL|DATABASE_URL|DATABASE_HOST|DB_HOST|DB_URL|REDIS_URL|REDIS_HOST)$/;
/** What an init container that waits for a dependency runs or is called. */
const WAITS = /pg_isready|redis-cli|\bnc\b|netcat|\buntil\b|wait|\bsleep\b|\bping\b/i;

function isDataService(ctx: RuleContext, svc: ServiceView): boolean {
  const component = componentOf(ctx, svc.resource);
  if (component === "database" || component === "cache") return true;
  return serviceTargets(ctx, svc).some((w) => isPostgresWorkload(w) || isRedisWorkload(w));
}

/** Host names of the Postgres/Redis Services: name, name.ns, name.ns.svc, name.ns.svc.cluster.local. */
function dataServiceIndex(ctx: RuleContext): { hosts: Set<string>; addresses: Set<string> } {
  const hosts = new Set<string>();
  const addresses = new Set<string>();
  for (const svc of services(ctx)) {
    if (!isDataService(ctx, svc)) continue;
    addresses.add(svc.resource.address);
    if (svc.name === undefined) continue;
    const n = svc.name.toLowerCase();
    const ns = svc.namespace.toLowerCase();
    for (const h of [n, `${n}.${ns}`, `${n}.${ns}.svc`, `${n}.${ns}.svc.cluster.local`]) hosts.add(h);
  }
  return { hosts, addresses };
}

/** Hide URL credentials (`scheme://user:pass@host`) before a value goes into a message. */
function redact(value: string): string {
  return value.replace(/\/\/[^@/\s]*@/g, "//***@");
}

/** The env entry that makes a container depend on Postgres/Redis, as "NAME=value" for the message. */
function dependency(ctx: RuleContext, c: ContainerView, idx: { hosts: Set<string>; addresses: Set<string> }): string | undefined {
  for (const e of c.env) {
    const shown = staticString(ctx, e.value);
    if (DEPENDENCY_ENV.test(e.name)) return `${e.name}${shown !== undefined ? `=${redact(shown)}` : ""}`;
    if (e.value === undefined) continue;
    const ref = ctx.resolve(e.value);
    if (ref && idx.addresses.has(ref.resource.address)) return `${e.name} → ${ref.resource.address}`;
    if (shown === undefined) continue;
    for (const token of shown.toLowerCase().match(/[a-z0-9][a-z0-9.-]*/g) ?? []) {
      if (idx.hosts.has(token)) return `${e.name}=${redact(shown)}`;
    }
  }
  return undefined;
}

/** RS-STARTUP-ORDER: a workload that needs Postgres/Redis waits for it (init container or startup probe). */
export const startupOrderRule: Rule = {
  id: "RS-STARTUP-ORDER",
  criterion: "startup",
  level: "mandatory",
  title: "A long-running workload that needs Postgres or Redis waits for it before it starts",
  rationale:
    "On a fresh install or after a node loss the database comes up after the API. An API that starts first crash-loops, " +
    "backs off for minutes and floods the logs; an init container that waits (or a startup probe) makes the start clean.",
  remediation:
    "Add an init container that waits for the dependency (e.g. `until pg_isready -h $PGHOST; do sleep 2; done`, " +
    "`redis-cli -h $REDIS_HOST ping`) or a startup_probe on the container that depends on it.",
  check(ctx: RuleContext): RuleOutcome {
    const idx = dataServiceIndex(ctx);
    const findings = [];
    const evidence: string[] = [];
    for (const w of workloads(ctx)) {
      if (!w.longRunning || isPostgresWorkload(w) || isRedisWorkload(w)) continue;
      const waitingInit = w.initContainers.find((ic) => WAITS.test(ic.name) || WAITS.test(commandLine(ctx, ic).join(" ")));
      let depends = false;
      let ok = true;
      for (const c of w.containers) {
        const dep = dependency(ctx, c, idx);
        if (dep === undefined) continue;
        depends = true;
        if (waitingInit || probe(c, "startup_probe")) continue;
        ok = false;
        findings.push(findingAt(w.resource,
          `${w.resource.address} ${c.label} depends on Postgres/Redis (${dep}) but has no init container that waits for it and no startup_probe.`,
          `Add an init container to ${w.resource.address} that waits for the dependency (pg_isready / redis-cli ping), or a startup_probe on ${c.label}.`));
      }
      if (depends && ok) evidence.push(w.resource.address);
    }
    return { findings, evidence };
  },
};
