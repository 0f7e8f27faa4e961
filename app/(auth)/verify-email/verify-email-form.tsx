"use client";
import Link from "next/link";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { verifyEmailAction } from "./actions";

export function VerifyEmailForm({ token, email }: { token: string; email: string }) {
  const { pending, errorFor, formError, formProps } = useActionForm(verifyEmailAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Confirm your email address">
      <input type="hidden" name="token" value={token} />
      <FormMessage tone="error" message={formError} />
      <TextField label="Email" name="email" type="email" autoComplete="username" value={email} readOnly />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" error={errorFor("password")} />
      <SubmitButton pending={pending} className="w-full">
        Confirm email address
      </SubmitButton>
      <p className="text-center text-sm text-muted-foreground">
        You did not sign up, or forgot the password?{" "}
        <Link className="font-medium text-primary underline underline-offset-4 hover:no-underline" href="/forgot-password">
          Reset it
        </Link>{" "}
        to take over this address.
      </p>
    </form>
  );
}
