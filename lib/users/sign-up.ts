import "server-only";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import { isUniqueViolation, PublicError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { verifyEmailMail } from "@/lib/mail/templates";
import { hashPassword } from "@/lib/passwords";
import { hitRateLimit } from "@/lib/rate-limit";
import type { RequestInfo } from "@/lib/request-info";
import { issueLinkToken } from "./link-tokens";
import { createPersonalSpace } from "./personal-space";
import { findUserByEmail } from "./queries";
import type { SignUpInput } from "./schemas";

export type SignUpOutcome = "created" | "already-registered";

/**
 * Creates the user and their personal space in one transaction and mails a verification link
 * (unless the caller proved the address already, as an invitation link does).
 * An email that is already registered gets a notice mail instead, and the caller shows the same
 * "check your inbox" page either way, so sign-up does not reveal who has an account.
 */
export async function signUp(input: SignUpInput, request: RequestInfo, options: { emailAlreadyVerified?: boolean } = {}): Promise<SignUpOutcome> {
  if (request.ip && !(await hitRateLimit(`sign-up:ip:${request.ip}`, { limit: 20, windowSeconds: 3600 })).allowed) {
    throw new PublicError("Too many sign-ups from your network. Please try again later.");
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const existing = await findUserByEmail(input.email, tx);
      if (existing) {
        await queueMail(tx, {
          to: existing.email,
          subject: "Someone tried to sign up with your email",
          text: `Hello ${existing.name},\n\nSomeone tried to create an account with this email address, which already has one. If it was you, sign in or reset your password instead.`,
        });
        return "already-registered";
      }
      const emailVerified = options.emailAlreadyVerified ? new Date() : null;
      const [user] = await tx.insert(users).values({ name: input.name, email: input.email, passwordHash, emailVerified }).returning();
      const space = await createPersonalSpace(tx, user!);
      await recordAuditEvent(tx, {
        accountId: space.id,
        actor: { id: user!.id, email: user!.email },
        action: "user.signed_up",
        targetType: "user",
        targetId: user!.id,
        request,
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
