import { z } from "zod";
import { roleSchema } from "@/lib/members/schemas";
import { formAdapter, listValue } from "@/lib/validation/form-adapters";

export const MAX_INVITES_PER_SUBMISSION = 10;
export const INVITATION_LIFETIME_DAYS = 7;

/** Addresses may be separated by commas, semicolons, spaces or new lines. */
export function splitEmails(raw: string): string[] {
  return raw
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * Wire: invite up to 10 addresses with one role. Each address is checked on its own by
 * inviteMembers (a malformed one gets its own outcome, the others are invited all the same).
 */
export const inviteMembersBody = z.object({
  emails: z
    .array(z.string({ message: "Each address is a string." }), { message: "Enter at least one email address." })
    .min(1, "Enter at least one email address.")
    .max(MAX_INVITES_PER_SUBMISSION, `Invite at most ${MAX_INVITES_PER_SUBMISSION} addresses at once.`),
  role: roleSchema,
});
export type InviteMembersInput = z.output<typeof inviteMembersBody>;

/** Form adapter: the addresses come typed in one textarea (or as repeated fields). */
export const inviteMembersForm = formAdapter(inviteMembersBody, (fields) => ({ ...fields, emails: listValue(fields.emails, splitEmails) }));

/** Form: the invitation a button acts on (in the API, the id is in the path). */
export const invitationIdSchema = z.object({ invitationId: z.uuid("Unknown invitation.") });

/** How an invitation is named by its answer buttons: the mailed token, or the id in the in-console list. */
export const invitationKeySchema = z.union([
  z.object({ token: z.string().min(1).max(200) }).strict(),
  z.object({ invitationId: z.uuid() }).strict(),
]);
