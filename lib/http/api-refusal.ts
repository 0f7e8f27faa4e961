/**
 * The request edge (scripts/server.ts, proxy.ts) refuses some requests before the app sees them:
 * too large, card data, an undecodable charset. Under the REST API those refusals are
 * problem+json like every other API error (lib/api/problem.ts); elsewhere they keep their shape.
 */
export const API_PREFIX = "/api/v1";

export function isApiPath(pathname: string | undefined): boolean {
  return pathname !== undefined && (pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`) || pathname.startsWith(`${API_PREFIX}?`));
}

const titles: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 413: "Content Too Large", 415: "Unsupported Media Type" };

/** The problem+json body (RFC 9457) of an edge refusal. */
export function apiRefusalBody(status: number, code: string, detail: string): string {
  return JSON.stringify({ type: `urn:organization-console:problem:${code}`, title: titles[status] ?? "Error", status, detail, code });
}

export const PROBLEM_JSON = "application/problem+json";
