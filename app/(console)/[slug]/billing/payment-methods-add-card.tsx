"use client";
import { SandboxCardForm } from "@/components/payments/sandbox-card-form";
import { addPaymentMethodAction } from "./payment-actions";

/**
 * The configured provider's card component, chosen by provider id. Each one tokenizes the card with
 * its processor and hands the same console action a token; a new processor is one more case here.
 */
export function PaymentMethodsAddCard({ slug, providerId }: { slug: string; providerId: string }) {
  const action = addPaymentMethodAction.bind(null, slug);
  switch (providerId) {
    case "sandbox":
      return <SandboxCardForm action={action} />;
    default:
      return <p className="text-sm text-muted-foreground">Cards cannot be added with this payment provider yet.</p>;
  }
}
