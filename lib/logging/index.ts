export * from "./log-pipeline";
export * from "./loki-values";
export * from "./promtail-values";
export * from "./alloy-values";
export * from "./log-aggregation";
