"use client";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { payInvoiceNowAction } from "./actions";

/** One more attempt at a failed invoice: credits first, then the default card. */
export function PayNow({ slug, number, amount }: { slug: string; number: string; amount: string }) {
  const { pending, formError, formProps } = useActionForm(payInvoiceNowAction.bind(null, slug));
  return (
    <form {...formProps} aria-label="Pay this invoice now" className="space-y-3">
      <FormMessage tone="error" message={formError} />
      <input type="hidden" name="number" value={number} />
      <SubmitButton pending={pending} pendingLabel="Paying…">
        Pay {amount} now
      </SubmitButton>
    </form>
  );
}
