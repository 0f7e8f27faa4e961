import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { FormMessage } from "@/components/form/form-message";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { loadActorContext } from "@/lib/authz/context";
import { sameOriginPath } from "@/lib/redirects";
import { lookup, searchParam, type SearchParams } from "@/lib/search-params";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const notices: Record<string, { tone: "success" | "error"; text: string }> = {
  verified: { tone: "success", text: "Your email address is confirmed. You can sign in now." },
  "link-invalid": { tone: "error", text: "This confirmation link is invalid or has expired. Sign in to get a new one." },
  "password-reset": { tone: "success", text: "Your password has been changed. Sign in with the new one." },
  "password-changed": { tone: "success", text: "Your password has been changed and every session signed out. Sign in again." },
  "signed-out-everywhere": { tone: "success", text: "You have been signed out on every device." },
  "account-deleted": { tone: "success", text: "Your account has been deleted." },
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const callbackUrl = sameOriginPath(searchParam(params, "callbackUrl"));
  if (await loadActorContext()) redirect(callbackUrl ?? "/");
  const notice = lookup(notices, searchParam(params, "notice"));
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">Sign in</CardTitle>
        <CardDescription>Welcome back. Sign in to your console.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {notice && <FormMessage tone={notice.tone}>{notice.text}</FormMessage>}
        <SignInForm callbackUrl={callbackUrl} email={searchParam(params, "email")} />
        <p className="text-center text-sm text-muted-foreground">
          No account yet?{" "}
          <Link className="font-medium text-primary underline underline-offset-4 hover:no-underline" href={callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-up"}>
            Sign up
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
