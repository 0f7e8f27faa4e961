"use client";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const { state, pending, errorFor, formProps } = useActionForm(resetPasswordAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Choose a new password">
      <input type="hidden" name="token" value={token} />
      {state.status === "error" && state.message && <FormMessage tone="error">{state.message}</FormMessage>}
      <TextField label="New password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters." error={errorFor("password")} />
      <TextField label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" error={errorFor("confirmPassword")} />
      <SubmitButton pending={pending} className="w-full">
        Change password
      </SubmitButton>
    </form>
  );
}
