import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { invitations } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { inviters, openInvitationColumns, openInvitationsOf } from "./queries";

/** A position in the invitation list: the exact creation time (PostgreSQL text) and id of the last one seen. */
export type InvitationPosition = [createdAt: string, id: string];

/** The organization's open invitations, newest first, a page after a position (keyset on created, id). */
export async function listOpenInvitationsAfter(ctx: AccountContext, query: { limit: number; after: InvitationPosition | null }) {
  assertCan(ctx, "members.view");
  const rows = await db
    .select({ ...openInvitationColumns, createdAtText: sql<string>`${invitations.createdAt}::text` })
    .from(invitations)
    .leftJoin(inviters, eq(inviters.id, invitations.invitedById))
    .where(
      and(
        openInvitationsOf(ctx.account.id),
        query.after ? sql`(${invitations.createdAt}, ${invitations.id}) < (${query.after[0]}::timestamptz, ${query.after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(query.limit + 1);
  return {
    rows: rows.slice(0, query.limit).map(({ createdAtText, ...row }) => ({ ...row, position: [createdAtText, row.id] as InvitationPosition })),
    more: rows.length > query.limit,
  };
}

/** One open invitation of the organization (after a resend, say); null for another organization's or a closed one. */
export async function findOpenInvitation(ctx: AccountContext, invitationId: string) {
  assertCan(ctx, "members.view");
  const [row] = await db
    .select(openInvitationColumns)
    .from(invitations)
    .leftJoin(inviters, eq(inviters.id, invitations.invitedById))
    .where(and(openInvitationsOf(ctx.account.id), eq(invitations.id, invitationId)));
  return row ?? null;
}
