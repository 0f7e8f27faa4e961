"use client";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const { pending, errorFor, formError, formProps } = useActionForm(resetPasswordAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Choose a new password">
      <input type="hidden" name="token" value={token} />
      <FormMessage tone="error" message={formError} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters, not a common or easily guessed password." error={errorFor("password")} />
      <TextField label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" error={errorFor("confirmPassword")} />
      <SubmitButton pending={pending} className="w-full">
        Change password
      </SubmitButton>
    </form>
  );
}
