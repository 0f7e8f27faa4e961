"use client";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { deleteUserAction } from "./actions";
import { DeletionConsequences, type DeletionSummary } from "./deletion-consequences";
import { reauthenticationHint } from "./reauthentication-hint";

export function DeleteAccountForm({ email, slug, summary, reauthMinutes }: { email: string; slug: string; summary: DeletionSummary; reauthMinutes: number }) {
  const { pending, errorFor, formError, formProps } = useActionForm(deleteUserAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Delete account">
      <FormMessage tone="error" message={formError} />
      <DeletionConsequences summary={summary} invoicesHref={`/${slug}/invoices`} subject="personal space" />
      <TextField label={`Type ${email} to confirm`} name="confirmEmail" autoComplete="off" spellCheck={false} error={errorFor("confirmEmail")} />
      <TextField label="Your password" name="password" type="password" autoComplete="current-password" hint={reauthenticationHint(reauthMinutes)} error={errorFor("password")} />
      <SubmitButton pending={pending} variant="danger">
        Delete my account and personal space
      </SubmitButton>
    </form>
  );
}
