import { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "./env";
import { validationHook } from "./errors";

/** The API's base path; every route below is relative to it. */
export const API_BASE = "/api/v1";

/** A router for a group of routes: request validation ends in the API's problem answers. */
export function apiRouter() {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook, strict: true });
}

export type ApiRouter = ReturnType<typeof apiRouter>;
