import { runReadiness } from "../../../lib/readiness/engine";
import { podSecurityAdmissionRule } from "../../../lib/readiness/rules/pod-security-admission";
import type { TerraformJson } from "../../../lib/readiness/types";

type Json = Record<string, unknown>;

const RESTRICTED_CONTAINER: Json = {
  name: "api",
  image: "ghcr.io/acme/api:1.2.3",
  securityContext: {
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    runAsUser: 1000,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  },
};

function deployment(name: string, namespace: string, container: Json = {}, podSpec: Json = {}): Json {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ ...RESTRICTED_CONTAINER, ...container }], ...podSpec },
      },
    },
  };
}

function stack(opts: { level?: string; objects?: Record<string, Json>; releases?: Record<string, Json> } = {}): TerraformJson {
  const labels = opts.level === undefined ? {} : { "pod-security.kubernetes.io/enforce": opts.level };
  const manifests: Record<string, Json> = {};
  for (const [name, manifest] of Object.entries(opts.objects ?? {})) manifests[name] = { manifest };
  return {
    resource: {
      kubernetes_namespace_v1: { shop: { metadata: { name: "shop", labels } } },
      kubernetes_manifest: manifests,
      ...(opts.releases ? { helm_release: opts.releases } : {}),
    },
  } as unknown as TerraformJson;
}

function run(json: TerraformJson) {
  const result = runReadiness(json, { rules: [podSecurityAdmissionRule] });
  const findings = result.findings.filter((f) => f.ruleId === "RS-POD-SECURITY-ADMISSION");
  return { result, findings, messages: findings.map((f) => f.message) };
}

describe("RS-POD-SECURITY-ADMISSION", () => {
  it("passes a restricted namespace whose pods meet the restricted profile", () => {
    const { findings, result } = run(stack({ level: "restricted", objects: { api: deployment("api", "shop") } }));
    expect(findings).toEqual([]);
    expect(result.criteria.find((c) => c.id === "security")?.evidence).toEqual(["kubernetes_namespace_v1.shop", "kubernetes_manifest.api"]);
  });

  it("reports a pod that restricted would reject at apply time (runAsUser 0, a hostPath volume)", () => {
    const pod = deployment("api", "shop", { securityContext: { ...(RESTRICTED_CONTAINER.securityContext as Json), runAsUser: 0 } }, {
      volumes: [{ name: "logs", hostPath: { path: "/var/log" } }],
    });
    const { findings, messages } = run(stack({ level: "restricted", objects: { api: pod } }));
    expect(messages).toEqual([
      'kubernetes_manifest.api Deployment/shop/api: namespace "shop" enforces restricted, which rejects this pod at apply time: ' +
        "HostPath Volumes (spec.template.spec.volumes[0].hostPath: volume logs is a hostPath); " +
        "Running as Non-root user (spec.template.spec.containers[0].securityContext.runAsUser: runAsUser = 0)",
    ]);
    expect(findings[0]).toMatchObject({ severity: "error", address: "kubernetes_manifest.api" });
  });

  it("checks the restricted-only controls: privilege escalation, capabilities, seccomp, non-root", () => {
    const pod = deployment("api", "shop", {
      securityContext: { capabilities: { add: ["NET_ADMIN"] }, seccompProfile: { type: "Unconfined" } },
    });
    const { messages } = run(stack({ level: "restricted", objects: { api: pod } }));
    expect(messages).toHaveLength(1);
    for (const part of [
      "Capabilities (spec.template.spec.containers[0].securityContext.capabilities.add: adds capability NET_ADMIN)",
      "Seccomp (spec.template.spec.containers[0].securityContext.seccompProfile.type: seccompProfile.type = Unconfined)",
      "Privilege Escalation (spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: allowPrivilegeEscalation is unset (must be false))",
    ]) {
      expect(messages[0]).toContain(part);
    }
  });

  it("reports a namespace without the enforce label, including one a helm_release creates with create_namespace", () => {
    const { messages } = run(
      stack({ releases: { loki: { name: "loki", chart: "loki", version: "18.11.0", namespace: "logging", create_namespace: true } } }),
    );
    expect(messages).toEqual([
      'namespace "shop" (kubernetes_namespace_v1.shop) has no pod-security.kubernetes.io/enforce label, so every pod is admitted unchecked',
      'namespace "logging" (helm_release.loki (create_namespace)) has no pod-security.kubernetes.io/enforce label, so every pod is admitted unchecked',
    ]);
  });

  it("reports a level below restricted, naming the pods that need it, and lets a waiver carry the reason", () => {
    const shipper = deployment("shipper", "shop", {}, { volumes: [{ name: "logs", hostPath: { path: "/var/log" } }] });
    const json = stack({ level: "privileged", objects: { shipper } });
    const { messages } = run(json);
    expect(messages).toEqual([
      'namespace "shop" (kubernetes_namespace_v1.shop) enforces privileged, below restricted; its pods Deployment/shop/shipper need more than restricted allows: waive RS-POD-SECURITY-ADMISSION on it with the reason',
    ]);
    const ns = (json.resource as Record<string, Record<string, Json>>).kubernetes_namespace_v1.shop;
    ns["//"] = { readystack: { waivers: [{ ruleId: "RS-POD-SECURITY-ADMISSION", reason: "the log shipper reads node log files through hostPath" }] } };
    expect(run(json).result.passed).toBe(true);
  });

  it("checks a pod against baseline in a baseline namespace (hostPath rejected, root allowed)", () => {
    const root = deployment("root", "shop", { securityContext: { runAsUser: 0 } });
    const host = deployment("host", "shop", {}, { hostNetwork: true });
    const { messages } = run(stack({ level: "baseline", objects: { root, host } }));
    expect(messages).toEqual([
      'kubernetes_manifest.host Deployment/shop/host: namespace "shop" enforces baseline, which rejects this pod at apply time: Host Namespaces (spec.template.spec.hostNetwork: hostNetwork = true)',
      'namespace "shop" (kubernetes_namespace_v1.shop) enforces baseline, below restricted; its pods Deployment/shop/root, Deployment/shop/host need more than restricted allows: waive RS-POD-SECURITY-ADMISSION on it with the reason',
    ]);
  });
});
