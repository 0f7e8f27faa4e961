import type { IncomingMessage, ServerResponse } from "node:http";
import { outboxTokenExchange } from "@/lib/mail/outbox-access";
import { applyForwardedHeaders } from "./forwarded-headers";
import { declaresTooLargeBody, hasUnsizedBody, readUnsizedBody, refuseTooLarge } from "./request-body-limit";
import type { TrustProxy } from "./trusted-proxies";

export interface EdgeOptions {
  trust: TrustProxy;
  maxBodyBytes: number;
  /** DEV_OUTBOX_TOKEN; undefined in production, where nobody may open the outbox. */
  outboxToken?: string;
  secureCookies: boolean;
}

/**
 * Next.js refuses a server action whose Origin differs from the (forwarded) host, with a 500 and a
 * stack trace; the same check here answers a plain 403. The forwarded host is there only when a
 * trusted proxy sent it (applyForwardedHeaders ran first).
 */
function crossOriginServerAction(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (request.method !== "POST" || !request.headers["next-action"] || !origin) return false;
  const host = request.headers["x-forwarded-host"] ?? request.headers.host;
  try {
    return origin === "null" || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/**
 * What every request goes through before Next.js (scripts/server.ts): forwarding headers believed
 * only from trusted proxies, bodies over the limit answered 413 without being read, and the outbox
 * link's token traded for a cookie.
 */
export function createEdgeHandler(options: EdgeOptions, next: Handler): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    applyForwardedHeaders(request, options.trust);
    if (crossOriginServerAction(request)) {
      response.writeHead(403, { "Content-Type": "text/plain", "Cache-Control": "no-store" });
      return void response.end("Cross-origin server action refused.");
    }
    if (declaresTooLargeBody(request, options.maxBodyBytes)) return refuseTooLarge(request, response, options.maxBodyBytes);
    if (request.method === "GET" && request.url?.startsWith("/dev/outbox?")) {
      const exchange = outboxTokenExchange(new URL(request.url, "http://console.invalid"), options.outboxToken, options.secureCookies);
      if (exchange) {
        response.writeHead(303, { Location: exchange.location, "Set-Cookie": exchange.setCookie, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
        return void response.end();
      }
    }
    if (!hasUnsizedBody(request)) return next(request, response);
    const sized = await readUnsizedBody(request, response, options.maxBodyBytes);
    if (sized) await next(sized, response);
  };
}
