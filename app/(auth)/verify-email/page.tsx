import type { Metadata } from "next";
import Link from "next/link";
import { FormMessage } from "@/components/form/form-message";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { invalidVerificationLink, pendingVerification } from "@/lib/users/email-verification";
import { VerifyEmailForm } from "./verify-email-form";

export const metadata: Metadata = { title: "Confirm your email address" };

/** The link in the confirmation mail. Opening it only shows the form: mail scanners open links too. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const pending = typeof token === "string" ? await pendingVerification(token) : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">Confirm your email address</CardTitle>
        {pending && <CardDescription>Enter the password you chose when you signed up, to show that this account is yours.</CardDescription>}
      </CardHeader>
      <CardContent className="space-y-4">
        {pending && typeof token === "string" ? (
          <VerifyEmailForm token={token} email={pending.email} />
        ) : (
          <>
            <FormMessage tone="error">{invalidVerificationLink}</FormMessage>
            <p className="text-center text-sm text-muted-foreground">
              Did someone else sign up with your address?{" "}
              <Link className="font-medium text-primary underline underline-offset-4 hover:no-underline" href="/sign-up">
                Sign up
              </Link>{" "}
              again or{" "}
              <Link className="font-medium text-primary underline underline-offset-4 hover:no-underline" href="/forgot-password">
                reset the password
              </Link>
              : an unconfirmed registration never keeps you out.
            </p>
          </>
        )}
      </CardContent>
    </Card>
  );
}
