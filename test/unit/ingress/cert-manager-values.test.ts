import { CERT_MANAGER_DEFAULT_RESOURCES, certManagerValues } from "../../../lib/ingress/cert-manager-values";

type Json = Record<string, any>;

const v = certManagerValues("cert-manager", CERT_MANAGER_DEFAULT_RESOURCES) as Json;

describe("certManagerValues (cert-manager chart v1.21)", () => {
  test("CRDs with the release and kept on uninstall, through crds.* (not the deprecated installCRDs)", () => {
    expect(v.crds).toEqual({ enabled: true, keep: true });
    expect(v.installCRDs).toBeUndefined();
  });

  test("leader election in cert-manager's namespace; every component hardened with requests and limits", () => {
    expect(v.global.leaderElection).toEqual({ namespace: "cert-manager" });
    for (const c of [v, v.webhook, v.cainjector, v.startupapicheck]) {
      expect(c.resources).toEqual({ requests: { cpu: "10m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
      expect(c.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(c.containerSecurityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    }
  });

  test("the webhook runs 2 replicas with a PodDisruptionBudget; the leader-elected controller and cainjector run 1", () => {
    expect(v.webhook).toMatchObject({ replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } });
    expect(v.replicaCount).toBe(1);
    expect(v.cainjector.replicaCount).toBe(1);
  });
});
