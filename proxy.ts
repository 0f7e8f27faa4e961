import { NextResponse, type NextRequest } from "next/server";
import { inspectRequestBody } from "@/lib/payments/card-data-guard";
import { readBodyPrefix } from "@/lib/payments/read-body";
import { malformedActionCall } from "@/lib/server-action-guard";

const publicPrefixes = ["/sign-in", "/sign-up", "/verify-email", "/forgot-password", "/reset-password", "/check-email", "/invite/", "/api/", "/dev/"];

/** The payment provider's own tokenization endpoint: the one place card numbers may be sent. */
const cardTokenizationPath = "/api/sandbox-payments/tokens";
const bodyMethods = new Set(["POST", "PUT", "PATCH"]);
/** Bodies are read up to this size (server actions accept 2 MB; uploads are skipped by the guard). */
const GUARD_MAX_BYTES = 1024 * 1024;

/**
 * Card numbers and security codes belong to the payment provider's component and its tokenization
 * endpoint. Any other endpoint that receives something shaped like them refuses the request before
 * it reaches the app, so they cannot end up in a database row, a log line or an audit event.
 */
async function refuseCardData(request: NextRequest): Promise<NextResponse | null> {
  if (!bodyMethods.has(request.method) || request.nextUrl.pathname === cardTokenizationPath) return null;
  const body = await readBodyPrefix(request.clone(), GUARD_MAX_BYTES).catch(() => null);
  if (!body) return null;
  const finding = inspectRequestBody(body.text, request.headers.get("content-type"));
  if (!finding) return null;
  return NextResponse.json(
    {
      error: "card_data_refused",
      message: "This request looks like it contains a card number or security code. Card details are only accepted by the payment form, never by the console itself.",
    },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * Sends visitors without a session cookie to sign-in and back (a convenience, not a check: every
 * page, action and route handler checks the session and membership in the database itself), and
 * refuses card data outside the tokenization endpoint.
 */
export async function proxy(request: NextRequest) {
  const refused = await refuseCardData(request);
  if (refused) return refused;
  const malformed = await malformedActionCall(request.clone());
  if (malformed) return NextResponse.json({ error: "malformed_action_call", message: malformed }, { status: 400, headers: { "Cache-Control": "no-store" } });
  const { pathname, search } = request.nextUrl;
  if (publicPrefixes.some((prefix) => pathname.startsWith(prefix))) return NextResponse.next();
  const hasSession = request.cookies.has("authjs.session-token") || request.cookies.has("__Secure-authjs.session-token");
  if (hasSession) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!_next/|favicon.ico|robots.txt).*)"],
};
