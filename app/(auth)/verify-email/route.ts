import { NextResponse, type NextRequest } from "next/server";
import { requestInfoFrom } from "@/lib/request-info";
import { verifyEmail } from "@/lib/users/email-verification";

/** The link in the confirmation mail. Verifying is idempotent and harmless, so a GET may do it. */
export async function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  const ok =
    token.length > 0 &&
    token.length < 200 &&
    (await verifyEmail(token, requestInfoFrom(request.headers)));
  return NextResponse.redirect(new URL(`/sign-in?notice=${ok ? "verified" : "link-invalid"}`, request.url));
}
