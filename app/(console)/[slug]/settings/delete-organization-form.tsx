"use client";
import { ActionDialog } from "@/components/action-dialog";
import { ConfirmPasswordField } from "@/components/form/confirm-password-field";
import { TextField } from "@/components/form/field";
import { deleteOrganizationAction } from "./actions";
import { DeletionConsequences, type DeletionSummary } from "./deletion-consequences";

export function DeleteOrganizationForm({ slug, name, summary, recentlyAuthenticated }: { slug: string; name: string; summary: DeletionSummary; recentlyAuthenticated: boolean }) {
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
      {(errorFor) => (
        <>
          <DeletionConsequences summary={summary} invoicesHref={`/${slug}/invoices`} subject="organization" />
          <TextField label={`Type ${name} to confirm`} name="confirmName" autoComplete="off" spellCheck={false} error={errorFor("confirmName")} />
          <ConfirmPasswordField recentlyAuthenticated={recentlyAuthenticated} error={errorFor("password")} />
        </>
      )}
    </ActionDialog>
  );
}
