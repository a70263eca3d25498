export * from "./api-service";
export * from "./env-example";
