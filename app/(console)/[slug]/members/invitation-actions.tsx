"use client";
import { ActionDialog } from "@/components/action-dialog";
import { dismissInvitationAction, resendInvitationAction, revokeInvitationAction } from "./actions";

export function InvitationActions({ slug, invitation, expired }: { slug: string; invitation: { id: string; email: string }; expired: boolean }) {
  const id = <input type="hidden" name="invitationId" value={invitation.id} />;
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <ActionDialog
        triggerLabel="Resend"
        triggerAriaLabel={`Resend the invitation to ${invitation.email}`}
        title={`Resend the invitation to ${invitation.email}?`}
        description="A new link is mailed and the old one stops working. The invitation is valid for 7 more days."
        confirmLabel="Resend invitation"
        action={resendInvitationAction.bind(null, slug)}
      >
        {id}
      </ActionDialog>
      {expired ? (
        <ActionDialog
          triggerLabel="Dismiss"
          triggerAriaLabel={`Dismiss the expired invitation to ${invitation.email}`}
          triggerVariant="ghost"
          title={`Dismiss the invitation to ${invitation.email}?`}
          description="It disappears from this list. You can invite the address again later."
          confirmLabel="Dismiss"
          action={dismissInvitationAction.bind(null, slug)}
        >
          {id}
        </ActionDialog>
      ) : (
        <ActionDialog
          triggerLabel="Revoke"
          triggerAriaLabel={`Revoke the invitation to ${invitation.email}`}
          triggerVariant="ghost"
          title={`Revoke the invitation to ${invitation.email}?`}
          description="The link in their mail stops working at once."
          confirmLabel="Revoke invitation"
          tone="danger"
          action={revokeInvitationAction.bind(null, slug)}
        >
          {id}
        </ActionDialog>
      )}
    </div>
  );
}
