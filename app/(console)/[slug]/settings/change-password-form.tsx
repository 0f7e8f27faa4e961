"use client";
import { ConfirmPasswordField } from "@/components/form/confirm-password-field";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm({ recentlyAuthenticated }: { recentlyAuthenticated: boolean }) {
  const { pending, errorFor, formError, formProps } = useActionForm(changePasswordAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Change password">
      <FormMessage tone="error" message={formError} />
      <ConfirmPasswordField label="Current password" name="currentPassword" recentlyAuthenticated={recentlyAuthenticated} error={errorFor("currentPassword")} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters, not a common or easily guessed password." error={errorFor("password")} />
      <TextField label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" error={errorFor("confirmPassword")} />
      <SubmitButton pending={pending}>Change password and sign out everywhere</SubmitButton>
    </form>
  );
}
