"use client";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { updateProfileAction } from "./actions";

export function ProfileForm({ name, email }: { name: string; email: string }) {
  const { pending, errorFor, formError, formProps } = useActionForm(updateProfileAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Profile">
      <FormMessage tone="error" message={formError} />
      <TextField label="Name" name="name" defaultValue={name} autoComplete="name" error={errorFor("name")} maxLength={80} />
      <TextField label="Email" name="email-readonly" defaultValue={email} readOnly hint="Your sign-in address. It cannot be changed yet." />
      <SubmitButton pending={pending}>Save profile</SubmitButton>
    </form>
  );
}
