"use client";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { revokeSessionAction } from "./actions";

/** Signs one other session out; reversible (that browser can sign in again), so no confirmation step. */
export function RevokeSessionButton({ sessionId, device, signedInAt }: { sessionId: string; device: string; signedInAt: string }) {
  const { pending, formError, formProps } = useActionForm(revokeSessionAction);
  return (
    <form {...formProps} className="flex shrink-0 flex-col items-start gap-2 sm:items-end">
      <input type="hidden" name="sessionId" value={sessionId} />
      <SubmitButton pending={pending} variant="secondary" size="sm" aria-label={`Sign out ${device}, signed in ${signedInAt}`}>
        Sign out
      </SubmitButton>
      <FormMessage tone="error" message={formError} />
    </form>
  );
}
