import { createHash } from "node:crypto";

/**
 * The e2e console's DEV_OUTBOX_TOKEN, as `npm start` would print it. Derived from AUTH_SECRET so
 * that the Playwright runner, its workers and the server it starts agree without sharing a file.
 */
export const outboxToken = createHash("sha256").update(`e2e-outbox:${process.env.AUTH_SECRET ?? ""}`).digest("base64url");
