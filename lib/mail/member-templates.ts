import { roleLabels, type Role } from "@/lib/authz/roles";
import { config } from "@/lib/config";
import { mailLayout } from "./templates";

const url = (path: string) => `${config().APP_URL}${path}`;

export function invitationMail(to: string, organization: string, inviter: string, role: Role, token: string) {
  return mailLayout(
    to,
    `${inviter} invited you to ${organization}`,
    [`${inviter} invited you to join ${organization} as ${roleLabels[role]}.`, "The invitation is valid for 7 days."],
    { label: "Open the invitation", url: url(`/invite/${encodeURIComponent(token)}`) },
  );
}

export function invitationAcceptedMail(to: string, organization: string, member: string, email: string) {
  return mailLayout(to, `${member} joined ${organization}`, [`${member} (${email}) accepted your invitation and is now a member of ${organization}.`]);
}

export function removedFromOrganizationMail(to: string, name: string, organization: string) {
  return mailLayout(to, `You were removed from ${organization}`, [`Hello ${name},`, `You are no longer a member of ${organization}.`]);
}

export function organizationDeletedMail(to: string, organization: string, actor: string) {
  return mailLayout(to, `${organization} was deleted`, [`${actor} deleted the organization ${organization} and all of its data.`]);
}

export function ownershipOfferedMail(to: string, organization: string, from: string, slug: string) {
  return mailLayout(to, `${from} offered you ownership of ${organization}`, [`${from} would like to make you an owner of ${organization}. Accept or decline it on the members page.`], {
    label: "Review the offer",
    url: url(`/${slug}/members`),
  });
}
