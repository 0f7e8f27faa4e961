import { z } from "zod";
import { optionalPasswordSchema } from "@/lib/users/schemas";
import { checkboxValue, formAdapter } from "@/lib/validation/form-adapters";
import { slugSchema } from "./slugs";

export const organizationNameSchema = z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters.");
export const descriptionSchema = z.string().trim().max(500, "Use at most 500 characters.").default("");

/** Wire: an organization's settings, as the API and the OpenAPI document take them (creating and updating alike). */
export const organizationBody = z.object({
  name: organizationNameSchema,
  slug: slugSchema,
  description: descriptionSchema,
  isCompany: z.boolean({ message: "Say whether the organization is a company (true or false)." }).default(false),
});
export type OrganizationInput = z.output<typeof organizationBody>;

/** Form adapter: the settings form posts its company checkbox as "on", or not at all. */
export const organizationForm = formAdapter(organizationBody, (fields) => ({ ...fields, isCompany: checkboxValue(fields.isCompany) }));

/** Wire and form alike: the name typed to confirm, and the password (empty right after a sign-in). */
export const deleteOrganizationBody = z.object({
  confirmName: z.string().max(200),
  password: optionalPasswordSchema,
});
