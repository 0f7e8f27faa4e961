import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { requireUser } from "@/lib/auth/current-user";

/** Shell for every signed-in screen. Makes no security decision beyond "signed in"; pages check membership. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader user={user} />
      {children}
    </div>
  );
}
