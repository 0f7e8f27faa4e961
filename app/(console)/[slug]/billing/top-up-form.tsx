"use client";
import { useState } from "react";
import { SelectField, TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import type { ActionResult } from "@/lib/action-result";
import type { TopUpResult } from "@/lib/billing/top-up";
import { topUpAction } from "./payment-actions";

/** One key per submission, so a submission sent twice charges once. A UUID, which the card-data guard never mistakes for a card. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface TopUpFormProps {
  slug: string;
  currency: string;
  cards: { id: string; label: string; isDefault: boolean }[];
}

export function TopUpForm({ slug, currency, cards }: TopUpFormProps) {
  const [amount, setAmount] = useState("");
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const { pending, errorFor, formError, formProps } = useActionForm<TopUpResult>(
    async (state: ActionResult<TopUpResult>, formData: FormData) => {
      try {
        return await topUpAction(slug, state, formData);
      } finally {
        setIdempotencyKey(newIdempotencyKey());
      }
    },
    { onSuccess: () => setAmount("") },
  );
  const defaultCard = cards.find((card) => card.isDefault) ?? cards[0];
  return (
    <form {...formProps} aria-label="Top up credits" className="grid gap-4 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)_auto] sm:items-start">
      <FormMessage tone="error" message={formError} className="sm:col-span-3" />
      <TextField
        label={`Amount (${currency})`}
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        placeholder="25.00"
        value={amount}
        onChange={(event) => setAmount(event.currentTarget.value)}
        hint="From 5.00 to 10,000.00."
        error={errorFor("amount")}
      />
      <SelectField key={defaultCard?.id} label="Card" name="paymentMethodId" defaultValue={defaultCard?.id} options={cards.map((card) => ({ value: card.id, label: card.label }))} error={errorFor("paymentMethodId")} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className="sm:pt-6">
        <SubmitButton pending={pending}>Top up</SubmitButton>
      </div>
    </form>
  );
}
