export * from "./acme";
export * from "./cert-manager-values";
export * from "./traefik-values";
export * from "./https-ingress";
export * from "./manifests-chart";
