"use client";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { AccountAvatar } from "@/components/account-avatar";
import { LOGO_TOO_LARGE, LOGO_TYPES, MAX_LOGO_BYTES } from "@/lib/accounts/logo-rules";
import { removeLogoAction, updateLogoAction } from "./actions";

/** Checked before sending: a file past the limit is never uploaded (the server checks again). */
function tooLarge(input: HTMLInputElement | null): boolean {
  const file = input?.files?.[0];
  return Boolean(file && file.size > MAX_LOGO_BYTES);
}

export function LogoForm({ slug, name, hasLogo, label }: { slug: string; name: string; hasLogo: boolean; label: string }) {
  const upload = useActionForm(updateLogoAction.bind(null, slug), { resetOnSuccess: true });
  const remove = useActionForm(removeLogoAction.bind(null, slug));
  const [clientError, setClientError] = useState<string>();
  const error = clientError ?? upload.errorFor("logo");

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    setClientError(tooLarge(event.currentTarget) ? LOGO_TOO_LARGE : undefined);
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const input = event.currentTarget.elements.namedItem("logo") as HTMLInputElement | null;
    if (tooLarge(input)) {
      event.preventDefault();
      setClientError(LOGO_TOO_LARGE);
      input?.focus();
      return;
    }
    setClientError(undefined);
    upload.formProps.onSubmit(event);
  }
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
      <AccountAvatar slug={slug} name={name} hasLogo={hasLogo} size={64} />
      <div className="flex-1 space-y-3">
        <form {...upload.formProps} onSubmit={onSubmit} className="space-y-2" aria-label={`Upload ${label.toLowerCase()}`} encType="multipart/form-data">
          <label htmlFor="logo" className="block text-sm font-medium">
            {label}
          </label>
          <input
            id="logo"
            name="logo"
            type="file"
            accept={LOGO_TYPES}
            onChange={onChange}
            aria-describedby="logo-hint logo-error"
            aria-invalid={error ? true : undefined}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-muted file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
          <p id="logo-hint" className="text-sm text-muted-foreground">
            PNG, JPEG, WebP or GIF, up to 512 KB.
          </p>
          {error && (
            <p id="logo-error" className="text-sm text-danger">
              {error}
            </p>
          )}
          <FormMessage tone="error" message={upload.formError} />
          <SubmitButton pending={upload.pending} variant="secondary" size="sm">
            Upload image
          </SubmitButton>
        </form>
        {hasLogo && (
          <form {...remove.formProps} aria-label={`Remove ${label.toLowerCase()}`}>
            <SubmitButton pending={remove.pending} variant="ghost" size="sm">
              Remove image
            </SubmitButton>
          </form>
        )}
      </div>
    </div>
  );
}
