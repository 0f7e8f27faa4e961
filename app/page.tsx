import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { personalSpaceSlug } from "@/lib/accounts/queries";

/** The front door: signed-in users land on their personal space. */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  redirect(`/${await personalSpaceSlug(user.id)}`);
}
