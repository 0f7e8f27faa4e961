import { NextResponse, type NextRequest } from "next/server";

const publicPrefixes = ["/sign-in", "/sign-up", "/verify-email", "/forgot-password", "/reset-password", "/check-email", "/invite/", "/api/", "/dev/"];

/**
 * Convenience only: sends visitors without a session cookie to sign-in and back. Every page, action
 * and route handler still checks the session and membership in the database itself.
 */
export function proxy(request: NextRequest) {
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
