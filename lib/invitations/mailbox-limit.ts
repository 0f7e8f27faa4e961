import "server-only";
import type { Executor } from "@/db/client";
import { hitRateLimit, type RateLimitRule } from "@/lib/rate-limit";

/**
 * One mailbox cannot be flooded with invitations, whichever organizations send them: at most this
 * many invitation mails (first sends and resends) to one address, counted across all organizations.
 */
export const invitationMailboxRules: { rule: RateLimitRule; period: string }[] = [
  { rule: { limit: 5, windowSeconds: 3600 }, period: "hour" },
  { rule: { limit: 20, windowSeconds: 24 * 3600 }, period: "day" },
];

/**
 * Counts one invitation mail to `email` (lower-case) in the caller's transaction and returns why it
 * may not be sent, or null. The hourly window is checked first, so a refused hour costs no daily quota.
 */
export async function mailboxFlooded(tx: Executor, email: string): Promise<string | null> {
  for (const { rule, period } of invitationMailboxRules) {
    const state = await hitRateLimit(`invitation-mailbox:${period}:${email}`, rule, tx);
    if (!state.allowed) {
      const [amount, unit] = state.retryAfterSeconds > 3600 ? [Math.ceil(state.retryAfterSeconds / 3600), "hour"] : [Math.ceil(state.retryAfterSeconds / 60), "minute"];
      const wait = `${amount} ${unit}${amount === 1 ? "" : "s"}`;
      return `This address has received too many invitations in the last ${period}. Try again in ${wait}.`;
    }
  }
  return null;
}
