"use client";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import type { ActionResult } from "@/lib/action-result";

type Answer = (state: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Accept and decline buttons for one invitation, with the refusal shown in place. */
export function InvitationAnswer({ accept, decline, organizationName }: { accept: Answer; decline: Answer; organizationName: string }) {
  const accepting = useActionForm(accept);
  const declining = useActionForm(decline);
  return (
    <div className="space-y-3">
      <FormMessage tone="error" message={accepting.formError ?? declining.formError} />
      <div className="flex flex-wrap gap-2">
        <form {...accepting.formProps} aria-label={`Accept the invitation to ${organizationName}`}>
          <SubmitButton pending={accepting.pending}>Accept invitation</SubmitButton>
        </form>
        <form {...declining.formProps} aria-label={`Decline the invitation to ${organizationName}`}>
          <SubmitButton pending={declining.pending} variant="secondary">
            Decline
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}
