"use client";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { signUpAction } from "./actions";

export function SignUpForm({ invitation }: { invitation?: { token: string; email: string } }) {
  const { pending, errorFor, formError, formProps } = useActionForm(signUpAction);
  return (
    <form {...formProps} className="space-y-4" aria-label="Sign up">
      <FormMessage tone="error" message={formError} />
      <TextField label="Name" name="name" autoComplete="name" error={errorFor("name")} />
      {invitation && <input type="hidden" name="invitation" value={invitation.token} />}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        error={errorFor("email")}
        {...(invitation ? { value: invitation.email, readOnly: true, hint: "The address your invitation was sent to." } : {})}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters, not a common or easily guessed password."
        error={errorFor("password")}
      />
      <SubmitButton pending={pending} className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}
