export * from "./network-policies";
