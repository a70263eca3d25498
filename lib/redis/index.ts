export * from "./redis-cache";
export * from "./redis-config";
