import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { currentUser } from "@/lib/auth/current-user";
import { liveInvitationEmail } from "@/lib/invitations/respond";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invitation?: string }> }) {
  const { invitation: token } = await searchParams;
  const invitedEmail = typeof token === "string" ? await liveInvitationEmail(token) : undefined;
  if (await currentUser()) redirect(invitedEmail ? `/invite/${encodeURIComponent(token!)}` : "/");
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
            href={invitedEmail ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}&email=${encodeURIComponent(invitedEmail)}` : "/sign-in"}
          >
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
