"use client";
import { ActionDialog } from "@/components/action-dialog";
import { ConfirmPasswordField } from "@/components/form/confirm-password-field";
import { SelectField } from "@/components/form/field";
import { roleLabels, type Role } from "@/lib/authz/roles";
import { changeRoleAction, offerOwnershipAction, removeMemberAction } from "./actions";

interface MemberActionsProps {
  slug: string;
  member: { userId: string; name: string; role: Role };
  /** Roles the viewer may give this member, their current one included; empty when they may not change it. Only hides UI: the server decides. */
  assignableRoles: Role[];
  canRemove: boolean;
  canOfferOwnership: boolean;
  /** Whether this session entered its password in the last few minutes (only changes a hint). */
  recentlyAuthenticated: boolean;
}

export function MemberActions({ slug, member, assignableRoles, canRemove, canOfferOwnership, recentlyAuthenticated }: MemberActionsProps) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      {assignableRoles.length > 0 && (
        <ActionDialog
          triggerLabel="Change role"
          triggerAriaLabel={`Change role of ${member.name}`}
          title={`Change ${member.name}'s role`}
          description="The new role applies to their very next request."
          confirmLabel="Change role"
          action={changeRoleAction.bind(null, slug)}
        >
          {(errorFor) => (
            <>
              <input type="hidden" name="userId" value={member.userId} />
              <SelectField label="New role" name="role" defaultValue={member.role} options={assignableRoles.map((role) => ({ value: role, label: role === member.role ? `${roleLabels[role]} (current)` : roleLabels[role] }))} error={errorFor("role")} />
            </>
          )}
        </ActionDialog>
      )}
      {canOfferOwnership && (
        <ActionDialog
          triggerLabel="Transfer ownership"
          triggerAriaLabel={`Transfer ownership to ${member.name}`}
          title={`Offer ownership to ${member.name}?`}
          description="They become an owner when they accept, and you take their current role. You can cancel the offer until then."
          confirmLabel="Offer ownership"
          action={offerOwnershipAction.bind(null, slug)}
        >
          {(errorFor) => (
            <>
              <input type="hidden" name="userId" value={member.userId} />
              <ConfirmPasswordField error={errorFor("password")} recentlyAuthenticated={recentlyAuthenticated} />
            </>
          )}
        </ActionDialog>
      )}
      {canRemove && (
        <ActionDialog
          triggerLabel="Remove"
          triggerAriaLabel={`Remove ${member.name}`}
          triggerVariant="ghost"
          title={`Remove ${member.name}?`}
          description="They lose access to this organization immediately. You can invite them again later."
          confirmLabel="Remove member"
          tone="danger"
          action={removeMemberAction.bind(null, slug)}
        >
          <input type="hidden" name="userId" value={member.userId} />
        </ActionDialog>
      )}
    </div>
  );
}
