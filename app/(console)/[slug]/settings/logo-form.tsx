"use client";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { AccountAvatar } from "@/components/account-avatar";
import { removeLogoAction, updateLogoAction } from "./actions";

export function LogoForm({ slug, name, hasLogo, label }: { slug: string; name: string; hasLogo: boolean; label: string }) {
  const upload = useActionForm(updateLogoAction.bind(null, slug), { resetOnSuccess: true });
  const remove = useActionForm(removeLogoAction.bind(null, slug));
  const error = upload.errorFor("logo");
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
      <AccountAvatar slug={slug} name={name} hasLogo={hasLogo} size={64} />
      <div className="flex-1 space-y-3">
        <form {...upload.formProps} className="space-y-2" aria-label={`Upload ${label.toLowerCase()}`} encType="multipart/form-data">
          <label htmlFor="logo" className="block text-sm font-medium">
            {label}
          </label>
          <input
            id="logo"
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
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
