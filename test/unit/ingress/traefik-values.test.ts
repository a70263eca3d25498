import { traefikValues } from "../../../lib/ingress/traefik-values";

type Json = Record<string, any>;

const v = traefikValues({
  releaseName: "traefik",
  namespace: "traefik",
  ingressClassName: "traefik",
  replicas: 2,
  resources: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "1", memoryLimit: "256Mi" },
  extraObjects: [],
}) as Json;

describe("traefikValues (traefik chart 41)", () => {
  test("the redirect lives under ports.web.http.redirections (chart 39.0.0 moved it)", () => {
    expect(v.ports.web.http.redirections.entryPoint).toEqual({ to: "websecure", scheme: "https", permanent: true, priority: 10 });
    expect(v.ports.web.redirections).toBeUndefined();
  });

  test("TLS lives under ports.websecure.http.tls", () => {
    expect(v.ports.websecure.http.tls).toEqual({ enabled: true });
    expect(v.ports.websecure.tls).toBeUndefined();
  });

  test("logs through log/accessLog (chart 41.0.0 removed `logs`)", () => {
    expect(v.logs).toBeUndefined();
    expect(v.log).toEqual({ format: "json", level: "INFO" });
    expect(v.accessLog).toEqual({ enabled: true, format: "json" });
  });
});
