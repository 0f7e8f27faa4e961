"use client";
import Link from "next/link";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { signInAction } from "./actions";

export function SignInForm({ callbackUrl, email }: { callbackUrl?: string; email?: string }) {
  const { pending, errorFor, formError, formProps } = useActionForm(signInAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Sign in">
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <FormMessage tone="error" message={formError} />
      <TextField label="Email" name="email" type="email" autoComplete="email" defaultValue={email} error={errorFor("email")} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" error={errorFor("password")} />
      <div className="flex justify-end text-sm">
        <Link href="/forgot-password" className="font-medium text-primary underline underline-offset-4 hover:no-underline">
          Forgot your password?
        </Link>
      </div>
      <SubmitButton pending={pending} className="w-full">
        Sign in
      </SubmitButton>
    </form>
  );
}
