"use client";
import { useState } from "react";
import { CheckboxField, TextareaField, TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import type { ActionResult } from "@/lib/action-result";
import { slugify } from "@/lib/accounts/slugs";

interface Defaults {
  name: string;
  slug: string;
  description: string;
  isCompany: boolean;
}

/** Create and edit share this form. When creating, the URL follows the name until the user edits it. */
export function OrganizationForm({
  action,
  defaults,
  submitLabel,
  suggestSlug,
  origin,
}: {
  action: (state: ActionResult, formData: FormData) => Promise<ActionResult>;
  defaults: Defaults;
  submitLabel: string;
  suggestSlug: boolean;
  origin: string;
}) {
  const { pending, errorFor, formError, formProps } = useActionForm(action, { successToast: "Settings saved." });
  const [slug, setSlug] = useState(defaults.slug);
  const [slugEdited, setSlugEdited] = useState(!suggestSlug);
  return (
    <form {...formProps} className="space-y-5" aria-label={submitLabel}>
      <FormMessage tone="error" message={formError} />
      <TextField
        label="Name"
        name="name"
        defaultValue={defaults.name}
        error={errorFor("name")}
        maxLength={80}
        onChange={(event) => {
          if (!slugEdited) setSlug(slugify(event.currentTarget.value));
        }}
      />
      <TextField
        label="URL"
        name="slug"
        value={slug}
        onChange={(event) => {
          setSlugEdited(true);
          setSlug(event.currentTarget.value);
        }}
        hint={`${origin}/${slug || "your-organization"}. Lowercase letters, digits and hyphens.`}
        error={errorFor("slug")}
        maxLength={48}
        autoComplete="off"
        spellCheck={false}
      />
      <TextareaField label="Description" name="description" defaultValue={defaults.description} hint="Optional, up to 500 characters." error={errorFor("description")} rows={3} />
      <CheckboxField label="This organization is a company" name="isCompany" defaultChecked={defaults.isCompany} hint="Companies are invoiced with their legal details." />
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
