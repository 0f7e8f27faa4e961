"use client";
import { useRef, useState, useTransition, type ChangeEvent, type FormEvent } from "react";
import { toast } from "sonner";
import { Field } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { Input } from "@/components/ui/input";
import type { ProviderCardFormProps } from "./types";

/**
 * The sandbox processor's card component. It plays the part a processor's hosted fields play
 * (Stripe Elements, say): the card goes from the browser to the processor's tokenization endpoint,
 * and the console's server action receives only the resulting one-time token and the holder's
 * name. The number, expiry and CVC inputs have no `name`, so no form submission can ever carry them.
 */
type CardField = "holderName" | "number" | "expiry" | "cvc";

const TOKENIZATION_URL = "/api/sandbox-payments/tokens";

/** "12/30", "12 / 2030", "1230" → month and year as typed; the processor checks them. */
function splitExpiry(value: string): { expMonth: string; expYear: string } {
  const match = /^\s*(\d{1,2})\s*[/\-. ]?\s*(\d{4}|\d{2})\s*$/.exec(value);
  return match ? { expMonth: match[1]!, expYear: match[2]! } : { expMonth: "", expYear: "" };
}

export function SandboxCardForm({ action }: ProviderCardFormProps) {
  const [values, setValues] = useState<Record<CardField, string>>({ holderName: "", number: "", expiry: "", cvc: "" });
  const [errors, setErrors] = useState<Partial<Record<CardField, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  const bind = (field: CardField) => ({
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setValues((previous) => ({ ...previous, [field]: value }));
    },
  });

  function showErrors(fieldErrors: Partial<Record<CardField, string>>, message?: string) {
    setErrors(fieldErrors);
    setFormError(message);
    const first = (["holderName", "number", "expiry", "cvc"] as const).find((field) => fieldErrors[field]);
    if (first) formRef.current?.querySelector<HTMLInputElement>(`[data-card-field="${first}"]`)?.focus();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      // 1. Browser → processor: the card becomes a one-time token.
      let tokenized: { token?: string; errors?: Partial<Record<CardField, string>>; error?: string };
      let ok = false;
      try {
        const response = await fetch(TOKENIZATION_URL, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          credentials: "omit",
          cache: "no-store",
          body: JSON.stringify({ holderName: values.holderName, number: values.number, ...splitExpiry(values.expiry), cvc: values.cvc }),
        });
        ok = response.ok;
        tokenized = await response.json().catch(() => ({}));
      } catch {
        tokenized = { error: "The card could not be checked. Check your connection and try again." };
      }
      if (!ok || !tokenized.token) {
        showErrors(tokenized.errors ?? {}, tokenized.errors ? undefined : (tokenized.error ?? "The card could not be checked. Please try again."));
        return;
      }

      // 2. Browser → console: only the token and the holder's name.
      const formData = new FormData();
      formData.set("token", tokenized.token);
      formData.set("holderName", values.holderName);
      const result = await action({ status: "idle" }, formData);
      if (result.status === "success") {
        toast.success(result.message ?? "Card added.");
        showErrors({});
        setValues((previous) => ({ ...previous, number: "", expiry: "", cvc: "" }));
      } else if (result.status === "error") {
        const holderError = result.fieldErrors?.holderName?.[0];
        showErrors(holderError ? { holderName: holderError } : {}, holderError ? undefined : (result.fieldErrors?.token?.[0] ?? result.message));
      }
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Add a card" className="grid gap-4 sm:grid-cols-2">
      <FormMessage tone="error" message={formError} className="sm:col-span-2" />
      <Field label="Name on card" name="cc-name" error={errors.holderName} className="sm:col-span-2">
        {(control) => <Input {...control} name={undefined} data-card-field="holderName" autoComplete="cc-name" maxLength={100} {...bind("holderName")} />}
      </Field>
      <Field label="Card number" name="cc-number" error={errors.number} className="sm:col-span-2">
        {(control) => (
          <Input {...control} name={undefined} data-card-field="number" autoComplete="cc-number" inputMode="numeric" maxLength={23} placeholder="1234 1234 1234 1234" spellCheck={false} {...bind("number")} />
        )}
      </Field>
      <Field label="Expiry (MM/YY)" name="cc-exp" error={errors.expiry}>
        {(control) => <Input {...control} name={undefined} data-card-field="expiry" autoComplete="cc-exp" inputMode="numeric" maxLength={7} placeholder="MM/YY" {...bind("expiry")} />}
      </Field>
      <Field label="Security code (CVC)" name="cc-csc" error={errors.cvc}>
        {(control) => <Input {...control} name={undefined} data-card-field="cvc" autoComplete="cc-csc" inputMode="numeric" maxLength={4} placeholder="123" {...bind("cvc")} />}
      </Field>
      <p className="text-sm text-muted-foreground sm:col-span-2">
        Sandbox: no real money moves and real cards are refused. Use 4242 4242 4242 4242 with any future expiry and any CVC; 4000 0000 0000 0002 is declined when charged, 4000 0000
        0000 9995 has insufficient funds.
      </p>
      <div className="sm:col-span-2">
        <SubmitButton pending={pending}>Add card</SubmitButton>
      </div>
    </form>
  );
}
