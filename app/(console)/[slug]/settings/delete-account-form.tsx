"use client";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { ConfirmPasswordField } from "@/components/form/confirm-password-field";
import { useActionForm } from "@/components/form/use-action-form";
import { deleteUserAction } from "./actions";
import { DeletionConsequences, type DeletionSummary } from "./deletion-consequences";

export function DeleteAccountForm({ email, slug, summary, recentlyAuthenticated }: { email: string; slug: string; summary: DeletionSummary; recentlyAuthenticated: boolean }) {
  const { pending, errorFor, formError, formProps } = useActionForm(deleteUserAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Delete account">
      <FormMessage tone="error" message={formError} />
      <DeletionConsequences summary={summary} invoicesHref={`/${slug}/invoices`} subject="personal space" />
      <TextField label={`Type ${email} to confirm`} name="confirmEmail" autoComplete="off" spellCheck={false} error={errorFor("confirmEmail")} />
      <ConfirmPasswordField recentlyAuthenticated={recentlyAuthenticated} error={errorFor("password")} />
      <SubmitButton pending={pending} variant="danger">
        Delete my account and personal space
      </SubmitButton>
    </form>
  );
}
