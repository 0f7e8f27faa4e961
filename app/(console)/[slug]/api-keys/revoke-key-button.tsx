"use client";
import { ActionDialog } from "@/components/action-dialog";
import { revokeApiKeyAction } from "./actions";

/** Revoke, after a confirmation naming the key (and its owner when it is someone else's). */
export function RevokeKeyButton({ slug, keyId, name, ownerName }: { slug: string; keyId: string; name: string; ownerName: string | null }) {
  const whose = ownerName ? ` of ${ownerName}` : "";
  return (
    <ActionDialog
      triggerLabel="Revoke"
      triggerAriaLabel={`Revoke the key ${name}${whose}`}
      triggerVariant="ghost"
      title={`Revoke the key "${name}"${whose}?`}
      description="Programs using it are refused from their very next request. This cannot be undone."
      confirmLabel="Revoke key"
      tone="danger"
      action={revokeApiKeyAction.bind(null, slug)}
    >
      <input type="hidden" name="keyId" value={keyId} />
    </ActionDialog>
  );
}
