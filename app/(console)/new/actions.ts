"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { invalid, parseForm, runAction, type ActionResult } from "@/lib/action-result";
import { createOrganization } from "@/lib/accounts/create-organization";
import { organizationSchema } from "@/lib/accounts/schemas";
import { currentUser } from "@/lib/auth/current-user";
import { requestInfo } from "@/lib/request-info";

export async function createOrganizationAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(organizationSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const user = await currentUser();
  if (!user) return { status: "error", message: "Your session has ended. Sign in again." };
  let slug = "";
  const result = await runAction(async () => {
    slug = (await createOrganization(user, parsed.data, await requestInfo())).slug;
    return { status: "success" } as const;
  });
  if (result.status !== "success") return result;
  revalidatePath("/", "layout");
  redirect(`/${slug}`);
}
