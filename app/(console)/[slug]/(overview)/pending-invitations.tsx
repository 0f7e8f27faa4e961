import { Mail } from "lucide-react";
import { InvitationAnswer } from "@/app/invite/[token]/invitation-answer";
import { acceptInvitationByIdAction, declineInvitationByIdAction } from "@/app/invite/[token]/actions";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { roleLabels, type Role } from "@/lib/authz/roles";

interface PendingInvitation {
  id: string;
  role: Role;
  expiresAt: Date;
  organizationName: string;
  inviterName: string | null;
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** The user's own invitations, answerable here without the mail. */
export function PendingInvitations({ invitations }: { invitations: PendingInvitation[] }) {
  return (
    <Card id="invitations">
      <CardHeader>
        <CardTitle>Invitations</CardTitle>
        <CardDescription>Organizations that invited you. Accept to join them.</CardDescription>
      </CardHeader>
      <CardContent>
        {invitations.length === 0 ? (
          <EmptyState icon={<Mail aria-hidden className="size-6" />} title="No pending invitations" titleAs="h3" />
        ) : (
          <ul className="divide-y divide-border">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <p className="font-medium">{invitation.organizationName}</p>
                  <p className="text-sm text-muted-foreground">
                    {invitation.inviterName ?? "A member"} invited you as {roleLabels[invitation.role]} · expires {dateFormat.format(invitation.expiresAt)}
                  </p>
                </div>
                <InvitationAnswer
                  accept={acceptInvitationByIdAction.bind(null, invitation.id)}
                  decline={declineInvitationByIdAction.bind(null, invitation.id)}
                  organizationName={invitation.organizationName}
                />
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
