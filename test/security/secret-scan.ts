/**
 * A scanner for secret literals in synthesized Terraform JSON (used by the security tests and by every
 * fuzz run). A secret may appear only as a Terraform reference (`${random_password.x.result}`,
 * `${var.x}`) or as a Kubernetes reference (secretKeyRef, a Secret's name): never as a literal value.
 */
import { parse as parseYaml } from "yaml";

/** Keys whose value would be a credential. */
export const SECRET_KEY = /password|passwd|secret|token|api_?key|private_?key|credential/i;
/** Keys that name or point at a secret rather than hold one (e.g. `secret_name`, `password_secret_ref`). */
const REFERENCE_KEY = /(name|ref|key|keys|path|file|mode|type|namespace|suffix|prefix|enabled|create|automount.*|mount.*)$/i;

/** True for a string that is not a literal: empty, a whole Terraform reference, or a Kubernetes `$(VAR)`. */
function isReference(value: string): boolean {
  return value === "" || /^\$\{[^}]+\}$/.test(value) || /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(value);
}

/** Every place in `json` where a secret-looking key holds a literal; helm_release values are parsed too. */
export function findSecretLiterals(json: unknown): string[] {
  const found: string[] = [];
  walk(json, "$", found);
  return found;
}

function walk(value: unknown, path: string, found: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, found));
    return;
  }
  if (value === null || typeof value !== "object") return;
  const obj = value as Record<string, unknown>;
  // A container env entry { name: "DB_PASSWORD", value: "..." } is a key/value pair in disguise.
  if (typeof obj.name === "string" && SECRET_KEY.test(obj.name) && typeof obj.value === "string" && !isReference(obj.value)) {
    found.push(`${path} env ${obj.name} = literal`);
  }
  for (const [key, v] of Object.entries(obj)) {
    const p = `${path}.${key}`;
    if (typeof v === "string") {
      if (SECRET_KEY.test(key) && !REFERENCE_KEY.test(key) && !isReference(v)) found.push(`${p} = literal`);
    } else if (key === "values" && Array.isArray(v) && path.includes("helm_release")) {
      // Helm values travel as YAML text inside the JSON: scan what they say, too.
      v.forEach((text, i) => {
        if (typeof text === "string") walk(parseYaml(text), `${p}[${i}]<yaml>`, found);
      });
    } else {
      walk(v, p, found);
    }
  }
}
