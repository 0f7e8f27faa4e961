"use client";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { deleteUserAction } from "./actions";

export function DeleteAccountForm({ email }: { email: string }) {
  const { pending, errorFor, formError, formProps } = useActionForm(deleteUserAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Delete account">
      <FormMessage tone="error" message={formError} />
      <TextField
        label={`Type ${email} to confirm`}
        name="confirmEmail"
        autoComplete="off"
        spellCheck={false}
        error={errorFor("confirmEmail")}
      />
      <SubmitButton pending={pending} variant="danger">
        Delete my account and personal space
      </SubmitButton>
    </form>
  );
}
