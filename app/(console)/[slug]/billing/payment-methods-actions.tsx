"use client";
import { ActionDialog } from "@/components/action-dialog";
import { removePaymentMethodAction, setDefaultPaymentMethodAction } from "./payment-actions";

interface PaymentMethodsActionsProps {
  slug: string;
  card: { id: string; name: string; isDefault: boolean };
  /** How many other cards the account has: who takes over as default. */
  otherCards: number;
}

export function PaymentMethodsActions({ slug, card, otherCards }: PaymentMethodsActionsProps) {
  const id = <input type="hidden" name="paymentMethodId" value={card.id} />;
  return (
    <div className="flex flex-wrap gap-2 sm:justify-end">
      {!card.isDefault && (
        <ActionDialog
          triggerLabel="Set as default"
          triggerAriaLabel={`Set ${card.name} as the default card`}
          title={`Make ${card.name} the default card?`}
          description="Top-ups preselect it, and invoices not covered by credits are charged to it."
          confirmLabel="Set as default"
          action={setDefaultPaymentMethodAction.bind(null, slug)}
        >
          {id}
        </ActionDialog>
      )}
      <ActionDialog
        triggerLabel="Remove"
        triggerAriaLabel={`Remove ${card.name}`}
        triggerVariant="ghost"
        title={`Remove ${card.name}?`}
        description={
          card.isDefault && otherCards > 0
            ? "It is the default card: the most recently added other card becomes the default."
            : card.isDefault
              ? "It is the only card: top-ups and invoice payments need a new one."
              : "It can no longer be charged. Past payments stay in the history."
        }
        confirmLabel="Remove card"
        tone="danger"
        action={removePaymentMethodAction.bind(null, slug)}
      >
        {id}
      </ActionDialog>
    </div>
  );
}
