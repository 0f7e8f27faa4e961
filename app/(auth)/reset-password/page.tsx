import "server-only";
import type { Metadata } from "next";
import Link from "next/link";
import { FormMessage } from "@/components/form/form-message";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { db } from "@/db/client";
import { peekLinkToken } from "@/lib/users/link-tokens";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const live = typeof token === "string" && token.length < 200 && (await peekLinkToken(db, "reset-password", token));
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">Choose a new password</CardTitle>
        <CardDescription>Every device signed in to your account will be signed out.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {live ? (
          <ResetPasswordForm token={token} />
        ) : (
          <>
            <FormMessage tone="error">This reset link is invalid, already used or expired.</FormMessage>
            <p className="text-center text-sm">
              <Link className="font-medium text-primary underline underline-offset-4 hover:no-underline" href="/forgot-password">
                Ask for a new link
              </Link>
            </p>
          </>
        )}
      </CardContent>
    </Card>
  );
}
