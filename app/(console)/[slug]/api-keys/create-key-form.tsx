"use client";
import { useState } from "react";
import { CheckboxField, SelectField, TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import type { CreatedApiKey } from "@/lib/api-keys/create";
import { expiryLabel, expiryValue, type ExpiryChoice } from "@/lib/api-keys/schemas";
import { createApiKeyAction } from "./actions";
import { NewKeyDialog } from "./new-key-dialog";

interface CreateApiKeyFormProps {
  slug: string;
  /** What the operator's cap allows, in the select's order. */
  choices: ExpiryChoice[];
  defaultChoice: ExpiryChoice;
  capDays: number | null;
}

/**
 * The form and, after a success, the one dialog that shows the secret. Closing the dialog mounts a
 * fresh form, so the action's answer (which holds the secret) is dropped from memory with it.
 */
export function CreateApiKeyForm(props: CreateApiKeyFormProps) {
  const [generation, setGeneration] = useState(0);
  return <CreateApiKeyFormBody key={generation} {...props} onDone={() => setGeneration((n) => n + 1)} />;
}

function CreateApiKeyFormBody({ slug, choices, defaultChoice, capDays, onDone }: CreateApiKeyFormProps & { onDone: () => void }) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const { pending, errorFor, formError, formProps } = useActionForm<CreatedApiKey>(createApiKeyAction.bind(null, slug), {
    onSuccess: (result) => setCreated(result.data ?? null),
  });
  return (
    <>
      <form {...formProps} className="grid gap-4 md:grid-cols-[minmax(0,1fr)_14rem] md:items-start" aria-label="Create an API key">
        <FormMessage tone="error" message={formError} className="md:col-span-2" />
        <TextField label="Name" name="name" maxLength={100} autoComplete="off" placeholder="ci-deploy" hint="What will use it, so you can tell your keys apart." error={errorFor("name")} />
        <SelectField
          label="Expires after"
          name="expiresInDays"
          defaultValue={expiryValue(defaultChoice)}
          options={choices.map((choice) => ({ value: expiryValue(choice), label: expiryLabel(choice) }))}
          hint={capDays !== null ? `This console allows ${expiryLabel(capDays)} at most.` : undefined}
          error={errorFor("expiresInDays")}
        />
        <CheckboxField
          label="Read-only"
          name="readOnly"
          className="md:col-span-2"
          hint="The key can only read: every change is refused, whatever your role."
          error={errorFor("readOnly")}
        />
        <div className="md:col-span-2">
          <SubmitButton pending={pending}>Create key</SubmitButton>
        </div>
      </form>
      {created && <NewKeyDialog created={created} onClose={onDone} />}
    </>
  );
}
