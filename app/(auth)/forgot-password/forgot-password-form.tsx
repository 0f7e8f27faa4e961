"use client";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { requestPasswordResetAction } from "./actions";

export function ForgotPasswordForm() {
  const { state, pending, errorFor, formError, formProps } = useActionForm(requestPasswordResetAction, { toasts: false });
  return (
    <form {...formProps} className="space-y-4" aria-label="Reset password">
      {state.status === "success" && <FormMessage tone="success">{state.message}</FormMessage>}
      <FormMessage tone="error" message={formError} />
      <TextField label="Email" name="email" type="email" autoComplete="email" error={errorFor("email")} />
      <SubmitButton pending={pending} className="w-full">
        Send reset link
      </SubmitButton>
    </form>
  );
}
