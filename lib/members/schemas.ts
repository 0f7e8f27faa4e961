import { z } from "zod";
import { roles } from "@/lib/authz/roles";
import { optionalPasswordSchema } from "@/lib/users/schemas";

export const roleSchema = z.enum(roles, { message: "Choose a role." });

export const memberSortSchema = z.enum(["name", "email", "role", "joined"]).catch("joined");

/** The members screen's query string (forgiving: a bad value falls back to the default). */
export const memberListSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: roleSchema.optional().catch(undefined),
  sort: memberSortSchema.optional().default("joined"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1).catch(1),
});
export type MemberListQuery = z.infer<typeof memberListSchema>;

/** Wire: a member's new role (the member is named by the path). */
export const changeRoleBody = z.object({ role: roleSchema });
export type ChangeRoleInput = z.output<typeof changeRoleBody>;

/** Form: the member a button acts on, by user id. */
export const memberIdSchema = z.object({ userId: z.uuid("Unknown member.") });
/** Form: the member and their new role, in one form. */
export const changeRoleForm = memberIdSchema.extend(changeRoleBody.shape);
export const offerOwnershipSchema = memberIdSchema.extend({ password: optionalPasswordSchema });
