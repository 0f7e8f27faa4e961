import type { Metadata } from "next";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PublicShell } from "@/components/public-shell";
import { loadActorContext } from "@/lib/authz/context";
import { roleLabels } from "@/lib/authz/roles";
import { findInvitationByToken } from "@/lib/invitations/queries";
import { invitationState, type InvitationState } from "@/lib/invitations/tokens";
import { invitationPath, signInPath } from "@/lib/redirects";
import { acceptInvitationAction, declineInvitationAction, switchAccountForInvitationAction } from "./actions";
import { InvitationAnswer } from "./invitation-answer";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const closed: Record<Exclude<InvitationState, "pending">, { title: string; text: string }> = {
  accepted: { title: "Invitation already accepted", text: "This invitation has been used. If it was you, the organization is in your switcher." },
  declined: { title: "Invitation declined", text: "This invitation was declined. Ask the organization for a new one if you changed your mind." },
  revoked: { title: "Invitation revoked", text: "The organization withdrew this invitation. Ask them for a new one if you expected it." },
  dismissed: { title: "Invitation no longer valid", text: "This invitation was withdrawn after it expired. Ask the organization for a new one." },
  expired: { title: "Invitation expired", text: "Invitations are valid for 7 days. Ask the organization to resend it." },
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, signedIn] = await Promise.all([findInvitationByToken(token), loadActorContext()]);
  const user = signedIn?.actor;
  const state = invitation ? invitationState(invitation) : undefined;
  return (
    <PublicShell width="max-w-md">
        <Card>
          {!invitation || !state ? (
            <Closed title="Invitation link not valid" text="This link does not match any invitation. It may have been replaced by a newer one: check your latest mail." />
          ) : state !== "pending" ? (
            <Closed {...closed[state]} />
          ) : (
            <>
              <CardHeader>
                <CardTitle as="h1" className="text-xl">
                  Join {invitation.organizationName}
                </CardTitle>
                <CardDescription>
                  {invitation.inviterName ?? "A member"} invited <strong>{invitation.email}</strong> to join <strong>{invitation.organizationName}</strong> as{" "}
                  <strong>{roleLabels[invitation.role]}</strong>.
                </CardDescription>
              </CardHeader>
              <CardContent className="space-y-4">
                {!user ? (
                  <div className="flex flex-wrap gap-2">
                    <ButtonLink href={signInPath(invitationPath(token), invitation.email)}>Sign in to accept</ButtonLink>
                    <ButtonLink href={`/sign-up?invitation=${encodeURIComponent(token)}`} variant="secondary">
                      Create an account
                    </ButtonLink>
                  </div>
                ) : user.email.toLowerCase() !== invitation.email ? (
                  <>
                    <FormMessage tone="error">
                      {`This invitation was sent to ${invitation.email}, but you are signed in as ${user.email}. Sign in with the invited address to accept it.`}
                    </FormMessage>
                    <form action={switchAccountForInvitationAction.bind(null, token)}>
                      <SubmitButton variant="secondary">Sign out and switch account</SubmitButton>
                    </form>
                  </>
                ) : (
                  <InvitationAnswer accept={acceptInvitationAction.bind(null, token)} decline={declineInvitationAction.bind(null, token)} organizationName={invitation.organizationName} />
                )}
              </CardContent>
            </>
          )}
        </Card>
    </PublicShell>
  );
}

function Closed({ title, text }: { title: string; text: string }) {
  return (
    <>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          {title}
        </CardTitle>
        <CardDescription>{text}</CardDescription>
      </CardHeader>
      <CardContent>
        <ButtonLink href="/" variant="secondary">
          Go to the console
        </ButtonLink>
      </CardContent>
    </>
  );
}
