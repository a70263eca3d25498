import { cronjobConcurrencyRule } from "../../../lib/readiness/rules/cronjob-concurrency";
import { run } from "./support/fixtures";
import { appLabels, container, cronJobObject, manifestStack } from "./support/manifests";

describe("RS-CRONJOB-CONCURRENCY", () => {
  it("passes a backup CronJob with Forbid, and ignores a CronJob that does no data work", () => {
    const json = manifestStack({
      backup: cronJobObject("backup", { labels: appLabels("postgres", "backup") }),
      report: cronJobObject("report", { spec: { concurrencyPolicy: "Replace" } }),
    });
    const out = run(cronjobConcurrencyRule, json);
    expect(out.findings).toEqual([]);
    expect(out.evidence).toEqual(["kubernetes_manifest.backup"]);
  });

  it("reports Replace on a pg_dump CronJob and the Allow default on one that mounts a PVC", () => {
    const json = manifestStack({
      dump: cronJobObject("dump", {
        spec: { concurrencyPolicy: "Replace" },
        podSpec: { containers: [container("dump", { command: ["sh", "-c", "pg_dump -Fc app > /backup/app.dump"] })] },
      }),
      archive: cronJobObject("archive", { podSpec: { volumes: [{ name: "data", persistentVolumeClaim: { claimName: "archive" } }] } }),
    });
    delete json.resource.kubernetes_manifest.archive.manifest.spec.concurrencyPolicy;
    const out = run(cronjobConcurrencyRule, json);
    expect(out.findings.map((f) => f.address)).toEqual(["kubernetes_manifest.dump", "kubernetes_manifest.archive"]);
    expect(out.findings[0].ruleId).toBe("RS-CRONJOB-CONCURRENCY");
    expect(out.messages[0]).toBe(
      'kubernetes_manifest.dump: spec.concurrencyPolicy is "Replace" for data work (container "dump" runs pg_dump): a run still in progress is killed by the next one; needs "Forbid".',
    );
    expect(out.messages[1]).toBe(
      'kubernetes_manifest.archive: spec.concurrencyPolicy is unset (Allow) for data work (mounts PersistentVolumeClaim volume "data"): two runs may overlap on the same data; needs "Forbid".',
    );
  });
});
