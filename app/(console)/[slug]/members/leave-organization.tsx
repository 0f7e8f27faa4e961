"use client";
import { ActionDialog } from "@/components/action-dialog";
import { leaveOrganizationAction } from "./actions";

export function LeaveOrganization({ slug, name }: { slug: string; name: string }) {
  return (
    <ActionDialog
      triggerLabel="Leave organization"
      triggerVariant="danger"
      triggerSize="md"
      title={`Leave ${name}?`}
      description="You lose access at once. To come back, someone has to invite you again."
      confirmLabel="Leave organization"
      tone="danger"
      action={leaveOrganizationAction.bind(null, slug)}
    />
  );
}
