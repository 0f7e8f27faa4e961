import { z } from "zod";
import { optionalPasswordSchema } from "@/lib/users/schemas";
import { slugSchema } from "./slugs";

export const organizationNameSchema = z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters.");
export const descriptionSchema = z.string().trim().max(500, "Use at most 500 characters.").default("");
const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true");

export const organizationSchema = z.object({
  name: organizationNameSchema,
  slug: slugSchema,
  description: descriptionSchema,
  isCompany: checkbox,
});
export type OrganizationInput = z.infer<typeof organizationSchema>;

export const deleteOrganizationSchema = z.object({
  confirmName: z.string().max(200),
  password: optionalPasswordSchema,
});
