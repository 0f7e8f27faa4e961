/**
 * The largest request body the console accepts, for every request: the custom server answers 413
 * past it (scripts/server.ts), and next.config.ts gives server actions the same limit. The biggest
 * legitimate body is a 512 KB logo in a multipart form.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
