import { z } from "zod";
import { roleSchema } from "@/lib/members/schemas";

export const MAX_INVITES_PER_SUBMISSION = 10;
export const INVITATION_LIFETIME_DAYS = 7;

/** Addresses may be separated by commas, semicolons, spaces or new lines. */
export function splitEmails(raw: string): string[] {
  return raw
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export const inviteSchema = z.object({
  emails: z
    .string()
    .transform(splitEmails)
    .pipe(
      z
        .array(z.string())
        .min(1, "Enter at least one email address.")
        .max(MAX_INVITES_PER_SUBMISSION, `Invite at most ${MAX_INVITES_PER_SUBMISSION} addresses at once.`),
    ),
  role: roleSchema,
});

export const invitationIdSchema = z.object({ invitationId: z.uuid("Unknown invitation.") });

/** How an invitation is named by its answer buttons: the mailed token, or the id in the in-console list. */
export const invitationKeySchema = z.union([
  z.object({ token: z.string().min(1).max(200) }).strict(),
  z.object({ invitationId: z.uuid() }).strict(),
]);
