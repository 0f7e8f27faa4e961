import { NextResponse, type NextRequest } from "next/server";
import { apiRefusalBody, isApiPath, PROBLEM_JSON } from "@/lib/http/api-refusal";
import { appUrl } from "@/lib/http/app-url";
import { MAX_BODY_BYTES } from "@/lib/http/body-limit";
import { config as appConfig } from "@/lib/config";
import { contentSecurityPolicy, createNonce, isBillingPath } from "@/lib/http/content-security-policy";
import { strictTransportSecurity } from "@/lib/http/strict-transport-security";
import { paymentProvider } from "@/lib/payments";
import { inspectRequestBody } from "@/lib/payments/card-data-guard";
import { readBody } from "@/lib/payments/read-body";
import { malformedActionCall } from "@/lib/server-action-guard";

const publicPrefixes = ["/sign-in", "/sign-up", "/verify-email", "/forgot-password", "/reset-password", "/check-email", "/invite/", "/api/", "/dev/", "/_next/"];

/** The payment provider's own tokenization endpoint: the one place card numbers may be sent. */
const cardTokenizationPath = "/api/sandbox-payments/tokens";
const bodyMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/**
 * The guard reads bodies whole. The console's server answers 413 above this limit before Next sees
 * the request; a larger body reaching the proxy anyway is refused rather than let through unread.
 */
const GUARD_MAX_BYTES = MAX_BODY_BYTES;

const noStore = { "Cache-Control": "no-store" };

/** A refusal in the shape the path's clients read: problem+json under the REST API, `{ error, message }` elsewhere. */
function refusal(request: NextRequest, status: number, error: string, message: string): NextResponse {
  if (isApiPath(request.nextUrl.pathname)) {
    return new NextResponse(apiRefusalBody(status, error, message), { status, headers: { ...noStore, "Content-Type": PROBLEM_JSON } });
  }
  return NextResponse.json({ error, message }, { status, headers: noStore });
}

/**
 * The body of a write, read once for both guards below (the clone leaves the original for Next).
 * The tokenization endpoint's body is the provider's business, never read here.
 */
async function readWriteBody(request: NextRequest): Promise<Uint8Array<ArrayBuffer> | NextResponse | null> {
  if (!bodyMethods.has(request.method) || request.nextUrl.pathname === cardTokenizationPath) return null;
  const body = await readBody(request.clone(), GUARD_MAX_BYTES).catch(() => "unreadable" as const);
  if (!body) return null;
  if (body === "unreadable") return refusal(request, 400, "unreadable_body", "The request could not be read.");
  if (body.tooLarge) return refusal(request, 413, "payload_too_large", "This request is too large.");
  return body.bytes;
}

/**
 * Card numbers and security codes belong to the payment provider's component and its tokenization
 * endpoint. Any other endpoint that receives something shaped like them, or a body in a charset
 * that cannot be decoded to check it, refuses the request before it reaches the app, so card data
 * cannot end up in a database row, a log line or an audit event.
 */
function refuseCardData(request: NextRequest, body: Uint8Array): NextResponse | null {
  const finding = inspectRequestBody(body, request.headers.get("content-type"));
  if (!finding) return null;
  if (finding.kind === "undecodable") {
    return refusal(request, 415, "unsupported_charset", `This request is declared as ${finding.charset}, which cannot be read. Send it as UTF-8.`);
  }
  return refusal(
    request,
    400,
    "card_data_refused",
    "This request looks like it contains a card number or security code. Card details are only accepted by the payment form, never by the console itself.",
  );
}

/**
 * The billing page has its own, narrower policy; a policy belongs to the document, so a client-side
 * navigation into billing would keep the previous page's. Next hides its router headers from the
 * proxy, but the browser marks the router's fetches (`Sec-Fetch-Dest: empty`, a document load says
 * `document`): answering one that comes from another page with an empty 204 makes Next's router
 * load billing as a document instead, under its own policy.
 */
function entersBillingByClientNavigation(request: NextRequest): boolean {
  if (request.method !== "GET" || !isBillingPath(request.nextUrl.pathname) || request.headers.get("sec-fetch-dest") !== "empty") return false;
  try {
    return !isBillingPath(new URL(request.headers.get("referer") ?? "").pathname);
  } catch {
    return true;
  }
}

function withSecurityHeaders(request: NextRequest, respond: (requestHeaders: Headers) => NextResponse): NextResponse {
  const settings = appConfig();
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    development: process.env.NODE_ENV === "development",
    https: settings.APP_URL.startsWith("https:"),
    payment: isBillingPath(request.nextUrl.pathname) ? paymentProvider().browserOrigins : undefined,
  });
  // Next.js reads the nonce from the request's policy and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = respond(requestHeaders);
  response.headers.set("Content-Security-Policy", policy);
  const hsts = strictTransportSecurity(settings);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

/**
 * Refuses card data outside the tokenization endpoint, sets the Content-Security-Policy (a fresh
 * nonce per request) and HSTS, and sends visitors without a session cookie to sign-in and back (a
 * convenience, not a check: every page, action and route handler checks the session and
 * membership in the database itself). The REST API (/api/v1) is never sent to sign-in: it
 * authenticates its bearer keys itself and answers 401 problem+json.
 */
export async function proxy(request: NextRequest) {
  const body = await readWriteBody(request);
  if (body instanceof NextResponse) return body;
  if (body) {
    const refused = refuseCardData(request, body);
    if (refused) return refused;
  }
  const malformed = await malformedActionCall(request, body ?? undefined);
  if (malformed) return NextResponse.json({ error: "malformed_action_call", message: malformed }, { status: 400, headers: noStore });
  if (entersBillingByClientNavigation(request)) return new NextResponse(null, { status: 204, headers: noStore });
  const { pathname, search } = request.nextUrl;
  const hasSession = request.cookies.has("authjs.session-token") || request.cookies.has("__Secure-authjs.session-token");
  if (hasSession || publicPrefixes.some((prefix) => pathname.startsWith(prefix))) {
    return withSecurityHeaders(request, (headers) => NextResponse.next({ request: { headers } }));
  }
  const signIn = appUrl("/sign-in");
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

/**
 * Everything but Next's static files and image optimizer, and exactly /favicon.ico and
 * /robots.txt: dots escaped and the names anchored, so an organization slug such as `faviconxico`
 * or `robots1txt-eu` is guarded like any other.
 */
export const config = {
  matcher: ["/((?!_next/static/|_next/image(?:/|$)|favicon\\.ico$|robots\\.txt$).*)"],
};
