import { parseQuantity } from "../../k8s/validate";
import {
  block, commandLine, configMapData, findingOn, type RuleFinding, isRedisContainer, isRedisWorkload, mountedConfigMaps, probe,
  scalarString, secretKeyRef, workloads,
} from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";
import { COMPONENTS } from "../../k8s/metadata";

const AUTH_ENV = /^(REDIS_PASSWORD|REDIS_PASS|REDIS_AUTH|REDISCLI_AUTH|REDIS_REQUIREPASS)$/;
const UNITS: Record<string, number> = { "": 1, k: 1e3, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 };

/** Bytes of a redis.conf memory value (`256mb`, `1gb`, `100000`), undefined when malformed. */
export function parseRedisMemory(value: string): number | undefined {
  const m = /^(\d+)([kmg]b?)?$/i.exec(value.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNITS[(m[2] ?? "").toLowerCase()];
}

function setting(text: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)(?:--)?${name}[\\s=]+("?)([^\\s"]+)\\1`, "m").exec(text);
  return m ? m[2] : undefined;
}

/** RS-REDIS-PRODUCTION: Redis requires auth, has maxmemory and an eviction policy, probes and limits. */
export const redisProductionRule: Rule = {
  id: "RS-REDIS-PRODUCTION",
  criterion: "redis",
  level: "mandatory",
  title: "Redis requires a password, caps its memory below the container limit with an eviction policy, and has probes and limits",
  rationale:
    "An open Redis is a remote-code-execution and data-leak risk; a Redis without maxmemory grows until the kernel OOM-kills it " +
    "and the cache disappears under load; without probes a wedged Redis keeps receiving traffic.",
  remediation:
    "Run redis-server with --requirepass $(REDIS_PASSWORD) (password from a Secret), --maxmemory below limits.memory and " +
    "--maxmemory-policy (e.g. allkeys-lru), or the same lines in a mounted redis.conf ConfigMap; add readinessProbe/livenessProbe and resources.limits.",
  check(ctx: RuleContext): RuleOutcome {
    const findings: RuleFinding[] = [];
    const evidence: string[] = [];
    const redises = workloads(ctx).filter(isRedisWorkload);
    if (redises.length === 0) return { findings, evidence, applicable: false };
    for (const w of redises) {
      const c = w.containers.find(isRedisContainer) ?? w.containers[0];
      if (!c) continue;
      const at = `${w.at} ${c.label}`;
      const args = commandLine(ctx, c).join(" ");
      const config = mountedConfigMaps(ctx, w).flatMap((cm) => Object.values(configMapData(ctx, cm))).join("\n");
      const text = `${args}\n${config}`;
      const problems: string[] = [];
      const authByEnv = c.env.some((e) => AUTH_ENV.test(e.name) && secretKeyRef(e) !== undefined);
      if (!/(?:^|\s)(?:--)?(requirepass|aclfile)\b/m.test(text) && !authByEnv) {
        problems.push("no authentication (no requirepass/aclfile in args or mounted config, no REDIS_PASSWORD env from a Secret)");
      }
      const maxmemory = setting(text, "maxmemory");
      if (maxmemory === undefined) problems.push("no maxmemory (args or mounted redis.conf)");
      const policy = setting(text, "maxmemory-policy");
      if (policy === undefined) problems.push("no maxmemory-policy");
      else if (policy === "noeviction" && w.component === COMPONENTS.cache) problems.push(`maxmemory-policy ${policy} on a cache (writes fail when full)`);
      for (const k of ["readinessProbe", "livenessProbe"] as const) if (!probe(c, k)) problems.push(`no ${k}`);
      const limits = block(c.body, "resources", "limits");
      const memLimit = scalarString(ctx.staticValue(limits?.memory));
      if (memLimit === undefined || memLimit === "") problems.push("no resources.limits.memory");
      if (scalarString(ctx.staticValue(limits?.cpu)) === undefined) problems.push("no resources.limits.cpu");
      if (maxmemory !== undefined && memLimit !== undefined) {
        const mm = parseRedisMemory(maxmemory);
        const lim = parseQuantity(memLimit);
        if (mm !== undefined && lim !== undefined && mm >= lim) {
          problems.push(`maxmemory ${maxmemory} is not below resources.limits.memory ${memLimit}`);
        }
      }
      if (problems.length === 0) evidence.push(w.at);
      else findings.push(findingOn(w.model, `Redis ${at} is not production-ready: ${problems.join("; ")}.`));
    }
    return { findings, evidence };
  },
};
