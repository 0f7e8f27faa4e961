import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { requireActorContext } from "@/lib/authz/context";

/** Shell for every signed-in screen. Makes no security decision beyond "signed in"; pages check membership. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { actor } = await requireActorContext();
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader actor={actor} />
      {children}
    </div>
  );
}
