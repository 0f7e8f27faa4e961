import { redirect } from "next/navigation";
import { loadActorContext } from "@/lib/authz/context";
import { personalSpaceSlug } from "@/lib/accounts/queries";

/** The front door: signed-in users land on their personal space. */
export default async function Home() {
  const ctx = await loadActorContext();
  if (!ctx) redirect("/sign-in");
  redirect(`/${await personalSpaceSlug(ctx.actor.userId)}`);
}
