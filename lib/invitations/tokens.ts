import { INVITATION_LIFETIME_DAYS } from "./schemas";

export const invitationExpiry = (from = new Date()) => new Date(from.getTime() + INVITATION_LIFETIME_DAYS * 24 * 3600 * 1000);

export type InvitationState = "pending" | "expired" | "accepted" | "declined" | "revoked" | "dismissed";

/** "Expired" is derived, never stored: a pending invitation past its expiry. */
export function invitationState(invitation: { status: Exclude<InvitationState, "expired">; expiresAt: Date }, now = new Date()): InvitationState {
  return invitation.status === "pending" && invitation.expiresAt <= now ? "expired" : invitation.status;
}
