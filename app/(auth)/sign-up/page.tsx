import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { loadActorContext } from "@/lib/authz/context";
import { liveInvitationEmail } from "@/lib/invitations/respond";
import { invitationPath, signInPath } from "@/lib/redirects";
import { searchParam, type SearchParams } from "@/lib/search-params";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const token = searchParam(await searchParams, "invitation");
  const invitedEmail = token ? await liveInvitationEmail(token) : undefined;
  if (await loadActorContext()) redirect(invitedEmail ? invitationPath(token!) : "/");
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">Create your account</CardTitle>
        <CardDescription>You get a personal space right away; create or join organizations from there.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <SignUpForm invitation={invitedEmail ? { token: token!, email: invitedEmail } : undefined} />
        <p className="text-center text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link
            className="font-medium text-primary underline underline-offset-4 hover:no-underline"
            href={invitedEmail ? signInPath(invitationPath(token!), invitedEmail) : "/sign-in"}
          >
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
