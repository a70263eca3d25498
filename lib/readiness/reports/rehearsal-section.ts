/** The "Rehearsal" section of readiness.md: which releases rendered, failed or were not rendered, and why. */
import type { RenderingReport } from "../model/rendering";

function cell(text: string | undefined): string {
  return text === undefined || text === "" ? "—" : text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Markdown lines of the section (none when the check did not render). */
export function rehearsalSection(rendering: RenderingReport | undefined): string[] {
  if (rendering === undefined) return [];
  const out = ["## Rehearsal", ""];
  const helm = rendering.helmVersion !== undefined ? `Helm ${rendering.helmVersion}` : "no Helm binary";
  const kube = rendering.kubernetesVersion !== undefined ? `, Kubernetes ${rendering.kubernetesVersion} schemas` : "";
  out.push(`Charts rendered with ${helm}${kube}.`, "");
  if (rendering.releases.length === 0) {
    out.push("No helm_release to render.", "");
    return out;
  }
  out.push("| Release | Chart | Version | Status | Objects | Reason |", "| --- | --- | --- | --- | --- | --- |");
  for (const r of rendering.releases) {
    const status = r.status === "failed" ? "**failed**" : r.status;
    out.push(`| \`${r.address}\` | ${cell(r.chart)} | ${cell(r.version)} | ${status} | ${r.objects} | ${cell(r.reason)} |`);
  }
  out.push("");
  return out;
}
