import type { CriterionId } from "./types";

/** A readiness criterion: id, title and group. */
export interface CriterionDefinition {
  /** Criterion id. */
  readonly id: CriterionId;
  /** Human title. */
  readonly title: string;
  /** Which part of the scorecard counts it. */
  readonly group: "mandatory" | "recommended" | "security";
}

/** The 11 readiness criteria (1–6 mandatory, 7–11 recommended) plus the security rules, in order. */
export const CRITERIA: readonly CriterionDefinition[] = [
  { id: "startup", title: "Stack starts cleanly", group: "mandatory" },
  { id: "migrations", title: "Migrations run automatically", group: "mandatory" },
  { id: "redis", title: "Redis production-ready", group: "mandatory" },
  { id: "json-logging", title: "JSON logging end to end", group: "mandatory" },
  { id: "artifacts-pinned", title: "Build artifacts pinned and inventoried", group: "mandatory" },
  { id: "config-documented", title: "Configuration documented", group: "mandatory" },
  { id: "terraform-configured", title: "Terraform configured", group: "recommended" },
  { id: "https-ingress", title: "HTTPS ingress", group: "recommended" },
  { id: "autoscaling", title: "Autoscaling", group: "recommended" },
  { id: "backups-validated", title: "Backups validated", group: "recommended" },
  { id: "log-aggregation", title: "Log aggregation", group: "recommended" },
  { id: "security", title: "Security", group: "security" },
  { id: "workload-hygiene", title: "Workload hygiene", group: "security" },
];

/** Number of mandatory criteria. */
export const MANDATORY_TOTAL = CRITERIA.filter((c) => c.group === "mandatory").length;
/** Number of recommended criteria. */
export const RECOMMENDED_TOTAL = CRITERIA.filter((c) => c.group === "recommended").length;
