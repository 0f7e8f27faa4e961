export * from "./users";
export * from "./sessions";
export * from "./accounts";
export * from "./memberships";
export * from "./audit-events";
export * from "./rate-limits";
export * from "./mail-outbox";
