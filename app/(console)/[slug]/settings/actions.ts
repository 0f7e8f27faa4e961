"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { invalid, parseForm, runAction, type ActionResult } from "@/lib/action-result";
import { deleteOrganization } from "@/lib/accounts/delete-organization";
import { removeAccountLogo, setAccountLogo } from "@/lib/accounts/logo";
import { personalSpaceSlug } from "@/lib/accounts/queries";
import { deleteOrganizationBody, organizationForm } from "@/lib/accounts/schemas";
import { updateOrganization } from "@/lib/accounts/update-organization";
import { signOut } from "@/lib/auth/auth";
import { revokeOwnSession } from "@/lib/auth/active-sessions";
import { loadAccountContext, loadActorContext } from "@/lib/authz/context";
import { changePassword, deleteUser, signOutEverywhere, updateProfile } from "@/lib/users/profile";
import { changePasswordSchema, deleteUserSchema, profileBody } from "@/lib/users/schemas";

const notFound: ActionResult<never> = { status: "error", message: "This account does not exist or you are not a member." };
const sessionEnded: ActionResult<never> = { status: "error", message: "Your session has ended. Sign in again." };

export async function updateOrganizationAction(slug: string, _state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(organizationForm, formData);
  if (!parsed.success) return invalid(parsed.error);
  const ctx = await loadAccountContext(slug);
  if (!ctx) return notFound;
  let newSlug = slug;
  const result = await runAction(async () => {
    newSlug = (await updateOrganization(ctx, parsed.data)).slug;
    return { status: "success", message: "Settings saved." } as const;
  });
  if (result.status !== "success") return result;
  revalidatePath("/", "layout");
  if (newSlug !== slug) redirect(`/${newSlug}/settings?flash=saved`);
  return result;
}

const logoSchema = z.object({ logo: z.instanceof(File, { message: "Choose an image file." }) });

export async function updateLogoAction(slug: string, _state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(logoSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const ctx = await loadAccountContext(slug);
  if (!ctx) return notFound;
  const result = await runAction(async () => {
    await setAccountLogo(ctx, parsed.data.logo);
    return { status: "success", message: "Image updated." } as const;
  });
  if (result.status === "success") revalidatePath("/", "layout");
  return result;
}

export async function removeLogoAction(slug: string, _state: ActionResult, _formData: FormData): Promise<ActionResult> {
  const ctx = await loadAccountContext(slug);
  if (!ctx) return notFound;
  const result = await runAction(async () => {
    await removeAccountLogo(ctx);
    return { status: "success", message: "Image removed." } as const;
  });
  if (result.status === "success") revalidatePath("/", "layout");
  return result;
}

export async function updateProfileAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(profileBody, formData);
  if (!parsed.success) return invalid(parsed.error);
  const ctx = await loadActorContext();
  if (!ctx) return sessionEnded;
  const result = await runAction(async () => {
    await updateProfile(ctx, parsed.data.name);
    return { status: "success", message: "Profile saved." } as const;
  });
  if (result.status === "success") revalidatePath("/", "layout");
  return result;
}

export async function changePasswordAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(changePasswordSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const ctx = await loadActorContext();
  if (!ctx) return sessionEnded;
  const result = await runAction(async () => {
    await changePassword(ctx, parsed.data.currentPassword, parsed.data.password);
    return { status: "success" } as const;
  });
  if (result.status !== "success") return result;
  await signOut({ redirectTo: "/sign-in?notice=password-changed" });
  return result;
}

const sessionIdSchema = z.object({ sessionId: z.uuid("Unknown session.") });

/** Signs one of the caller's own sessions out; another user's session id changes nothing. */
export async function revokeSessionAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(sessionIdSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const ctx = await loadActorContext();
  if (!ctx) return sessionEnded;
  const result = await runAction(async () =>
    (await revokeOwnSession(ctx, parsed.data.sessionId))
      ? { status: "success", message: "That session is signed out." }
      : { status: "error", message: "This session has already ended." },
  );
  if (parsed.data.sessionId === ctx.actor.sessionId && result.status === "success") await signOut({ redirectTo: "/sign-in" });
  revalidatePath("/[slug]/settings", "page");
  return result;
}

export async function signOutEverywhereAction(): Promise<void> {
  const ctx = await loadActorContext();
  if (ctx) await signOutEverywhere(ctx);
  await signOut({ redirectTo: "/sign-in?notice=signed-out-everywhere" });
}

export async function deleteUserAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(deleteUserSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const ctx = await loadActorContext();
  if (!ctx) return sessionEnded;
  const result = await runAction(async () => {
    await deleteUser(ctx, parsed.data);
    return { status: "success" } as const;
  });
  if (result.status !== "success") return result;
  await signOut({ redirectTo: "/sign-in?notice=account-deleted" });
  return result;
}

export async function deleteOrganizationAction(slug: string, _state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(deleteOrganizationBody, formData);
  if (!parsed.success) return invalid(parsed.error);
  const ctx = await loadAccountContext(slug);
  if (!ctx) return notFound;
  const result = await runAction(async () => {
    await deleteOrganization(ctx, parsed.data);
    return { status: "success" } as const;
  });
  if (result.status !== "success") return result;
  revalidatePath("/", "layout");
  redirect(`/${await personalSpaceSlug(ctx.actor.userId)}?flash=deleted`);
}
