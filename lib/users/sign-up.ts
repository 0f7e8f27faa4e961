import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import { personContext } from "@/lib/authz/member-actor";
import { isUniqueViolation, PublicError } from "@/lib/errors";
import { liveInvitationEmail } from "@/lib/invitations/respond";
import { queueMail } from "@/lib/mail/outbox";
import { verifyEmailMail } from "@/lib/mail/templates";
import { hashPassword } from "@/lib/passwords";
import { hitRateLimit } from "@/lib/rate-limit";
import type { RequestInfo } from "@/lib/request-info";
import { issueLinkToken, revokeLinkTokens } from "./link-tokens";
import { assertStrongPassword } from "./password-strength";
import { createPersonalSpace } from "./personal-space";
import { findUserByEmail } from "./queries";
import type { SignUpInput } from "./schemas";

export type SignUpOutcome = "created" | "already-registered";

export const signUpRules = {
  perIp: { limit: 20, windowSeconds: 3600 },
  /** "Someone tried to sign up with your email": at most one an hour per address. */
  noticePerEmail: { limit: 1, windowSeconds: 3600 },
};

/**
 * Creates the user and their personal space in one transaction and mails a verification link.
 * With `invitationToken`, the live invitation for this very address proves the mailbox: the account
 * starts verified and the per-network sign-up limit does not apply (a whole office may be invited).
 * An address whose registration was never confirmed is taken by whoever signs up again: the stale,
 * never signed-in user and its personal space are discarded, so a stranger cannot squat an address.
 * An address with a confirmed account gets a notice mail instead (at most one an hour), and the
 * caller shows the same "check your inbox" page either way, so sign-up does not reveal who has an account.
 */
export async function signUp(input: SignUpInput, request: RequestInfo, options: { invitationToken?: string } = {}): Promise<SignUpOutcome> {
  const invited = options.invitationToken ? (await liveInvitationEmail(options.invitationToken))?.toLowerCase() === input.email.toLowerCase() : false;
  if (!invited && request.ip && !(await hitRateLimit(`sign-up:ip:${request.ip}`, signUpRules.perIp)).allowed) {
    throw new PublicError("sign_up_rate_limited", "Too many sign-ups from your network. Please try again later.");
  }
  assertStrongPassword(input.password, [input.email, input.name]);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const existing = await findUserByEmail(input.email, tx);
      if (existing?.emailVerified) {
        const notice = await hitRateLimit(`sign-up-notice:${existing.email.toLowerCase()}`, signUpRules.noticePerEmail, tx);
        if (notice.allowed) {
          await queueMail(tx, {
            to: existing.email,
            subject: "Someone tried to sign up with your email",
            text: `Hello ${existing.name},\n\nSomeone tried to create an account with this email address, which already has one. If it was you, sign in or reset your password instead.`,
          });
        }
        return "already-registered";
      }
      // Never confirmed, so never signed in: deleting the user takes its personal space and links with it.
      if (existing) {
        await revokeLinkTokens(tx, "verify-email", existing.id);
        await tx.delete(users).where(eq(users.id, existing.id));
      }
      const emailVerified = invited ? new Date() : null;
      const [user] = await tx.insert(users).values({ name: input.name, email: input.email, passwordHash, emailVerified }).returning();
      const space = await createPersonalSpace(tx, user!);
      await recordAuditEvent(tx, personContext(user!, request), {
        accountId: space.id,
        action: "user.signed_up",
        targetType: "user",
        targetId: user!.id,
        metadata: existing ? { replacedUnconfirmedRegistration: true } : undefined,
      });
      if (!emailVerified) {
        const token = await issueLinkToken(tx, "verify-email", user!.id);
        await queueMail(tx, verifyEmailMail(user!.email, user!.name, token));
      }
      return "created";
    });
  } catch (error) {
    // Two sign-ups with the same email at once: the unique index decides, the loser sees the same page.
    if (isUniqueViolation(error, "users_email_lower_key")) return "already-registered";
    throw error;
  }
}
