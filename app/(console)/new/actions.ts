"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { invalid, parseForm, runAction, type ActionResult } from "@/lib/action-result";
import { createOrganization } from "@/lib/accounts/create-organization";
import { organizationForm } from "@/lib/accounts/schemas";
import { loadActorContext } from "@/lib/authz/context";

export async function createOrganizationAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(organizationForm, formData);
  if (!parsed.success) return invalid(parsed.error);
  const ctx = await loadActorContext();
  if (!ctx) return { status: "error", message: "Your session has ended. Sign in again." };
  let slug = "";
  const result = await runAction(async () => {
    slug = (await createOrganization(ctx, parsed.data)).slug;
    return { status: "success" } as const;
  });
  if (result.status !== "success") return result;
  revalidatePath("/", "layout");
  redirect(`/${slug}`);
}
