"use client";
import { ActionDialog } from "@/components/action-dialog";
import { TextField } from "@/components/form/field";
import { deleteOrganizationAction } from "./actions";

export function DeleteOrganizationForm({ slug, name }: { slug: string; name: string }) {
  return (
    <ActionDialog
      triggerLabel="Delete organization"
      triggerVariant="danger"
      triggerSize="md"
      title={`Delete ${name}?`}
      description="Its members, invitations, settings and audit trail are deleted for good, and every member is told by mail. This cannot be undone."
      confirmLabel="Delete this organization"
      tone="danger"
      action={deleteOrganizationAction.bind(null, slug)}
    >
      {(errorFor) => <TextField label={`Type ${name} to confirm`} name="confirmName" autoComplete="off" spellCheck={false} error={errorFor("confirmName")} />}
    </ActionDialog>
  );
}
