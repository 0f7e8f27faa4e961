import "server-only";
import { NextRequest } from "next/server";
import { sameOriginPath } from "@/lib/redirects";

type Handler = (request: NextRequest) => Promise<Response>;

const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

/** A callback Auth.js may follow: a safe path, or an absolute URL on the request's own origin. */
function safeCallback(value: string, origin: string): string | undefined {
  if (value.startsWith("/")) return sameOriginPath(value);
  try {
    const url = new URL(value);
    return url.origin === origin ? sameOriginPath(`${url.pathname}${url.search}${url.hash}`) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Auth.js answers a callbackUrl (query or cookie) it does not like with a 500 "server configuration"
 * error. Before it sees the request, the callback goes through the same redirect helper as ours: a
 * safe one is kept (once), anything else is dropped, so Auth.js falls back to its default.
 */
export function withSafeCallbackUrl(handler: Handler): Handler {
  return (request) => {
    const url = new URL(request.url);
    const origin = url.origin;
    let changed = false;
    if (url.searchParams.has("callbackUrl")) {
      const safe = safeCallback(url.searchParams.get("callbackUrl") ?? "", origin);
      if (url.searchParams.getAll("callbackUrl").length !== 1 || safe !== url.searchParams.get("callbackUrl")) {
        url.searchParams.delete("callbackUrl");
        if (safe) url.searchParams.set("callbackUrl", safe);
        changed = true;
      }
    }
    const headers = new Headers(request.headers);
    for (const name of CALLBACK_COOKIES) {
      const value = request.cookies.get(name)?.value;
      if (value !== undefined && !safeCallback(value, origin)) {
        request.cookies.delete(name);
        changed = true;
      }
    }
    if (!changed) return handler(request);
    headers.set("cookie", request.cookies.toString());
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    return handler(new NextRequest(url, { method: request.method, headers, body: hasBody ? request.body : undefined, ...(hasBody ? { duplex: "half" } : {}) }));
  };
}
