import { z } from "zod";
import { roles } from "@/lib/authz/roles";
import { optionalPasswordSchema } from "@/lib/users/schemas";

export const roleSchema = z.enum(roles, { message: "Choose a role." });

export const memberSortSchema = z.enum(["name", "email", "role", "joined"]).catch("joined");

export const memberListSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: roleSchema.optional().catch(undefined),
  sort: memberSortSchema.optional().default("joined"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1).catch(1),
});
export type MemberListQuery = z.infer<typeof memberListSchema>;

export const changeRoleSchema = z.object({ userId: z.uuid("Unknown member."), role: roleSchema });
export const memberIdSchema = z.object({ userId: z.uuid("Unknown member.") });
export const offerOwnershipSchema = memberIdSchema.extend({ password: optionalPasswordSchema });
