import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import { roles } from "@/lib/authz/roles";
import { inviteMembers } from "@/lib/invitations/create";
import { findOpenInvitation, listOpenInvitationsAfter, type InvitationPosition } from "@/lib/invitations/keyset";
import { resendInvitation, revokeInvitation } from "@/lib/invitations/manage";
import { inviteMembersBody } from "@/lib/invitations/schemas";
import { invitationState } from "@/lib/invitations/tokens";
import { accountContext } from "../authenticate";
import { decodeCursor, encodeCursor, isTimestampAndId } from "../cursor";
import { ApiProblem } from "../problem";
import type { ApiRouter } from "../router";
import { accountNotFound, anyKey, commonErrors, dateTime, forbidden, idempotencyHeader, invalid, listOf, pageQuery, problem, slugParam } from "../schemas";

export const InvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(roles),
    status: z.enum(["pending", "expired"]).openapi({ description: "Expired invitations stay listed until resent, revoked or dismissed." }),
    invitedBy: z.string().nullable().openapi({ description: "The name of who sent it last." }),
    lastSentAt: dateTime(),
    expiresAt: dateTime(),
    sendCount: z.number().int(),
  })
  .openapi("Invitation");

const InviteResultsSchema = z
  .object({
    results: z.array(
      z.object({
        email: z.string(),
        invited: z.boolean(),
        invitationId: z.uuid().nullable().openapi({ description: "The new invitation's id, when this address was invited." }),
        code: z.string().nullable().openapi({ description: "Why this address was not invited: `invalid_email`, `duplicate_email`, `already_member`, `already_invited`, `invitation_expired`, `mailbox_limit`." }),
        message: z.string(),
      }),
    ),
  })
  .openapi("InviteResults");

type InvitationRow = NonNullable<Awaited<ReturnType<typeof findOpenInvitation>>>;

const wire = (row: InvitationRow) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  status: invitationState(row) === "expired" ? ("expired" as const) : ("pending" as const),
  invitedBy: row.inviterName,
  lastSentAt: row.lastSentAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  sendCount: row.sendCount,
});

const invitationParams = slugParam.extend({ id: z.uuid().openapi({ param: { name: "id", in: "path" }, description: "The invitation's id." }) });
const invitationNotFound = problem("No such open invitation in this account (`invitation_not_found`), or no such account (`not_found`).");

export const listInvitationsRoute = createRoute({
  method: "get",
  path: "/accounts/{slug}/invitations",
  operationId: "listInvitations",
  tags: ["Invitations"],
  summary: "List open invitations",
  description: "Pending and expired invitations, newest first. Organizations only. Every member; platform keys with `members:read`.",
  security: anyKey,
  request: { params: slugParam, query: pageQuery },
  responses: {
    200: { description: "A page of invitations.", content: { "application/json": { schema: listOf(InvitationSchema).openapi("InvitationList") } } },
    ...commonErrors,
    403: forbidden,
    404: accountNotFound,
    422: invalid,
  },
});

export const createInvitationsRoute = createRoute({
  method: "post",
  path: "/accounts/{slug}/invitations",
  operationId: "createInvitations",
  tags: ["Invitations"],
  summary: "Invite up to 10 addresses",
  description:
    "One role for every address; each address gets its own result (a malformed or already invited one does not stop the others). Owners and admins, up to their own role; at most 5 invitation mails an hour and 20 a day reach one address.",
  security: anyKey,
  request: { params: slugParam, headers: idempotencyHeader, body: { required: true, content: { "application/json": { schema: inviteMembersBody } } } },
  responses: {
    200: { description: "One result per address, in the order sent.", content: { "application/json": { schema: InviteResultsSchema } } },
    ...commonErrors,
    403: forbidden,
    404: accountNotFound,
    409: problem("Another request with this Idempotency-Key is running (`idempotency_request_in_progress`)."),
    422: invalid,
  },
});

export const resendInvitationRoute = createRoute({
  method: "post",
  path: "/accounts/{slug}/invitations/{id}/resend",
  operationId: "resendInvitation",
  tags: ["Invitations"],
  summary: "Resend an invitation",
  description: "A new link (the old one stops working) and seven more days. At most 3 resends an hour (`invitation_resend_limit`).",
  security: anyKey,
  request: { params: invitationParams, headers: idempotencyHeader },
  responses: {
    200: { description: "The invitation.", content: { "application/json": { schema: InvitationSchema } } },
    ...commonErrors,
    403: forbidden,
    404: invitationNotFound,
    409: problem("The invitation is no longer pending (`invitation_not_pending`), or a request with this Idempotency-Key is running."),
  },
});

export const revokeInvitationRoute = createRoute({
  method: "delete",
  path: "/accounts/{slug}/invitations/{id}",
  operationId: "revokeInvitation",
  tags: ["Invitations"],
  summary: "Revoke an invitation",
  security: anyKey,
  request: { params: invitationParams },
  responses: {
    204: { description: "Revoked: its link no longer works." },
    ...commonErrors,
    403: forbidden,
    404: invitationNotFound,
    409: problem("The invitation is no longer pending (`invitation_not_pending`)."),
  },
});

const INVITATIONS = "invitations";

export function registerInvitations(app: ApiRouter) {
  app.openapi(listInvitationsRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const ctx = await accountContext(c, c.req.valid("param").slug);
    const page = await listOpenInvitationsAfter(ctx, { limit, after: decodeCursor<InvitationPosition>(INVITATIONS, cursor, isTimestampAndId) });
    const last = page.rows.at(-1);
    return c.json({ data: page.rows.map(wire), nextCursor: page.more && last ? encodeCursor(INVITATIONS, last.position) : null }, 200);
  });

  app.openapi(createInvitationsRoute, async (c) => {
    const ctx = await accountContext(c, c.req.valid("param").slug);
    const outcomes = await inviteMembers(ctx, c.req.valid("json"));
    return c.json({ results: outcomes.map((outcome) => ({ email: outcome.email, invited: outcome.ok, invitationId: outcome.invitationId, code: outcome.code, message: outcome.message })) }, 200);
  });

  app.openapi(resendInvitationRoute, async (c) => {
    const { slug, id } = c.req.valid("param");
    const ctx = await accountContext(c, slug);
    await resendInvitation(ctx, id);
    const invitation = await findOpenInvitation(ctx, id);
    if (!invitation) throw new ApiProblem(404, "invitation_not_found", "No such invitation in this organization.");
    return c.json(wire(invitation), 200);
  });

  app.openapi(revokeInvitationRoute, async (c) => {
    const { slug, id } = c.req.valid("param");
    await revokeInvitation(await accountContext(c, slug), id);
    return c.body(null, 204);
  });
}
