import { hasInterpolation } from "../resolver";
import {
  allContainers, configMapKeyRef, findingAt, findingOn, first, helmReleases, objectLabel, secretKeyRef, walkTree, workloads,
  type ModelObject, type RuleFinding,
} from "../k8s-model";
import type { Rule, RuleContext, RuleOutcome } from "../types";

/** Names that hold secrets. */
export const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
/** Env names that only point at a secret (a file, a path, a directory). */
const POINTER_ENV = /_(FILE|PATH|DIR)$/i;
/** Helm value keys that name a secret rather than hold one. */
const POINTER_KEY = /^existing|name$|ref$|file$|path$|dir$|enabled$|create$|mount|annotations?$|(password|token|secret)keys?$|keys?ref/i;

/** Secret keys that hold connection coordinates, not secrets (host, port, user, database...). */
const COORDINATE_KEY = /^((PG|POSTGRES|DB|DATABASE|REDIS)_?)?(HOST|HOSTNAME|PORT|USER|USERNAME|DATABASE|DB|DBNAME|NAME|SSL_?MODE|NAMESPACE)$/i;

function isLiteral(value: unknown): value is string | number {
  if (typeof value === "number") return true;
  return typeof value === "string" && value !== "" && !hasInterpolation(value);
}

function describe(value: string | number): string {
  return `a literal value (${String(value).length} characters)`;
}

function checkSecretData(o: ModelObject, data: Record<string, unknown> | undefined, field: string, out: RuleFinding[]): boolean {
  let ok = true;
  for (const [key, value] of Object.entries(data ?? {})) {
    if (!isLiteral(value) || (COORDINATE_KEY.test(key) && !SECRET_NAME.test(key))) continue;
    ok = false;
    out.push(findingOn(o, `${objectLabel(o)} ${field}["${key}"] holds ${describe(value)} in the Terraform JSON.`,
      `Generate "${key}" with random_password (referenced as \${random_password.x.result}) or reference an existing Secret instead of a literal.`));
  }
  return ok;
}

/** RS-NO-SECRET-LITERALS: no secret is written as a literal into the Terraform JSON or a pod spec. */
export const noSecretLiteralsRule: Rule = {
  id: "RS-NO-SECRET-LITERALS",
  criterion: "config-documented",
  packs: ["readystack", "kubernetes"],
  level: "mandatory",
  title: "No secret is a literal: secret env vars come from Secrets, Secret data is generated or referenced, Helm values carry no passwords",
  rationale:
    "cdk.tf.json is committed, diffed, printed and cached; a literal password there leaks to everyone who can read the repository " +
    "or the CI logs. An env var value is visible to everyone who can read the pod spec.",
  remediation:
    "Read secret env vars with valueFrom.secretKeyRef; fill Secret data (kubernetes_secret_v1) from random_password or other resources " +
    "(`${...}` references); pass Helm chart passwords through existingSecret-style values or set_sensitive with a reference.",
  check(ctx: RuleContext): RuleOutcome {
    const findings: RuleFinding[] = [];
    const evidence: string[] = [];
    for (const w of workloads(ctx)) {
      let ok = true;
      for (const c of allContainers(w)) {
        for (const e of c.env) {
          if (!SECRET_NAME.test(e.name) || POINTER_ENV.test(e.name)) continue;
          if (e.value !== undefined && e.value !== "") {
            ok = false;
            const shown = typeof e.value === "string" && hasInterpolation(e.value) ? `the reference ${e.value}` : "a literal value";
            findings.push(findingOn(w.model, `${w.at} ${c.label} sets secret env ${e.name} to ${shown} instead of a valueFrom.secretKeyRef.`,
              `Put ${e.name} into a Secret (kubernetes_secret_v1) and read it with valueFrom.secretKeyRef.`));
          } else if (configMapKeyRef(e) && !secretKeyRef(e)) {
            ok = false;
            findings.push(findingOn(w.model, `${w.at} ${c.label} reads secret env ${e.name} from a ConfigMap (valueFrom.configMapKeyRef).`,
              `Move ${e.name} into a Secret and read it with valueFrom.secretKeyRef.`));
          }
        }
      }
      if (ok) evidence.push(w.at);
    }
    for (const s of ctx.objectsOfKind("Secret")) {
      if (s.origin === "helm-rendered") continue; // what a chart renders is not written in the Terraform JSON
      const a = checkSecretData(s, first(s.object.data), "data", findings);
      const b = checkSecretData(s, first(s.object.stringData), "stringData", findings);
      if (a && b) evidence.push(objectLabel(s));
    }
    for (const rel of helmReleases(ctx)) {
      let ok = true;
      // Objects carried in the values (`objects: [...]`) are checked above as the objects they are.
      const { objects: _objects, ...values } = rel.values;
      walkTree(values, (key, value, path) => {
        if (key === undefined || !SECRET_NAME.test(key) || POINTER_KEY.test(key)) return;
        if (typeof value === "string" && value !== "" && !hasInterpolation(value)) {
          ok = false;
          findings.push(findingAt(rel.resource, `${rel.resource.address} Helm value ${path} holds ${describe(value)}.`,
            `Pass ${path} from a Secret (the chart's existingSecret-style value) or set_sensitive with a \${random_password...} reference.`));
        }
      });
      if (ok) evidence.push(rel.resource.address);
    }
    return { findings, evidence };
  },
};
