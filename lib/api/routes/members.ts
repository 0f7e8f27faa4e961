import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import { roles } from "@/lib/authz/roles";
import { changeMemberRole } from "@/lib/members/change-role";
import { findMember, listMembersAfter, type MemberPosition } from "@/lib/members/keyset";
import type { MemberRow } from "@/lib/members/queries";
import { removeMember } from "@/lib/members/remove-member";
import { changeRoleBody, roleSchema } from "@/lib/members/schemas";
import { allowedText } from "@/lib/validation/text";
import { accountContext } from "../authenticate";
import { decodeCursor, encodeCursor, isTimestampAndId } from "../cursor";
import { ApiProblem } from "../problem";
import type { ApiRouter } from "../router";
import { accountNotFound, anyKey, commonErrors, dateTime, forbidden, invalid, listOf, pageQuery, problem, slugParam } from "../schemas";

export const MemberSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(roles),
    joinedAt: dateTime(),
  })
  .openapi("Member");

const memberParams = slugParam.extend({ userId: z.uuid().openapi({ param: { name: "userId", in: "path" }, description: "The member's user id." }) });

const wire = (member: MemberRow) => ({ userId: member.userId, name: member.name, email: member.email, role: member.role, joinedAt: member.joinedAt.toISOString() });

const memberNotFound = problem("No such member of this account (`member_not_found`), or no such account (`not_found`).");
const refused = problem("A rule refused the change (`last_owner`, …).");

export const listMembersRoute = createRoute({
  method: "get",
  path: "/accounts/{slug}/members",
  operationId: "listMembers",
  tags: ["Members"],
  summary: "List members",
  description: "Newest first. `q` searches names and emails, `role` keeps one role. Organizations only. Every member; platform keys with `members:read`.",
  security: anyKey,
  request: {
    params: slugParam,
    query: pageQuery.extend({
      q: allowedText.trim().max(100).optional().openapi({ param: { name: "q", in: "query" }, description: "Part of a name or email." }),
      role: roleSchema.optional().openapi({ param: { name: "role", in: "query" } }),
    }),
  },
  responses: {
    200: { description: "A page of members.", content: { "application/json": { schema: listOf(MemberSchema).openapi("MemberList") } } },
    ...commonErrors,
    403: forbidden,
    404: accountNotFound,
    422: invalid,
  },
});

export const getMemberRoute = createRoute({
  method: "get",
  path: "/accounts/{slug}/members/{userId}",
  operationId: "getMember",
  tags: ["Members"],
  summary: "One member",
  security: anyKey,
  request: { params: memberParams },
  responses: {
    200: { description: "The member.", content: { "application/json": { schema: MemberSchema } } },
    ...commonErrors,
    403: forbidden,
    404: memberNotFound,
  },
});

export const updateMemberRoute = createRoute({
  method: "patch",
  path: "/accounts/{slug}/members/{userId}",
  operationId: "updateMember",
  tags: ["Members"],
  summary: "Change a member's role",
  description:
    "The screen's rules: owners and admins only, nobody changes their own role (`own_role`), nobody grants a role above their own, only owners touch owners (`owner_only`), an organization keeps an owner (`last_owner`). A lowered role revokes the invitations it could no longer send.",
  security: anyKey,
  request: { params: memberParams, body: { required: true, content: { "application/json": { schema: changeRoleBody } } } },
  responses: {
    200: { description: "The member, with the new role.", content: { "application/json": { schema: MemberSchema } } },
    ...commonErrors,
    403: forbidden,
    404: memberNotFound,
    409: refused,
    422: invalid,
  },
});

export const removeMemberRoute = createRoute({
  method: "delete",
  path: "/accounts/{slug}/members/{userId}",
  operationId: "removeMember",
  tags: ["Members"],
  summary: "Remove a member",
  description: "Their access ends at once: sessions' next request, API keys (deleted with the membership), pending invitations and ownership offers.",
  security: anyKey,
  request: { params: memberParams },
  responses: {
    204: { description: "Removed." },
    ...commonErrors,
    403: forbidden,
    404: memberNotFound,
    409: refused,
    422: invalid,
  },
});

const MEMBERS = "members";

export function registerMembers(app: ApiRouter) {
  app.openapi(listMembersRoute, async (c) => {
    const { slug } = c.req.valid("param");
    const { q, role, limit, cursor } = c.req.valid("query");
    const ctx = await accountContext(c, slug);
    const after = decodeCursor<MemberPosition>(MEMBERS, cursor, isTimestampAndId);
    const page = await listMembersAfter(ctx, { q: q || undefined, role, limit, after });
    const last = page.rows.at(-1);
    return c.json({ data: page.rows.map(wire), nextCursor: page.more && last ? encodeCursor(MEMBERS, last.position) : null }, 200);
  });

  app.openapi(getMemberRoute, async (c) => {
    const { slug, userId } = c.req.valid("param");
    const member = await findMember(await accountContext(c, slug), userId);
    if (!member) throw new ApiProblem(404, "member_not_found", "This person is not a member of this account.");
    return c.json(wire(member), 200);
  });

  app.openapi(updateMemberRoute, async (c) => {
    const { slug, userId } = c.req.valid("param");
    const ctx = await accountContext(c, slug);
    await changeMemberRole(ctx, userId, c.req.valid("json").role);
    const member = await findMember(ctx, userId);
    if (!member) throw new ApiProblem(404, "member_not_found", "This person is not a member of this account.");
    return c.json(wire(member), 200);
  });

  app.openapi(removeMemberRoute, async (c) => {
    const { slug, userId } = c.req.valid("param");
    await removeMember(await accountContext(c, slug), userId);
    return c.body(null, 204);
  });
}
