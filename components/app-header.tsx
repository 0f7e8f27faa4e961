import Link from "next/link";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { listAccountsForUser } from "@/lib/accounts/queries";
import type { SessionUser } from "@/lib/auth/user-sessions";
import { AccountSwitcher } from "./account-switcher";
import { UserMenu } from "./user-menu";

export async function AppHeader({ user }: { user: SessionUser }) {
  const entries = await listAccountsForUser(user.id);
  const personal = entries.find((entry) => entry.kind === "personal");
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-background/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4">
        <Link href={personal ? `/${personal.slug}` : "/"} className="hidden font-semibold tracking-tight sm:block">
          Console
        </Link>
        <span aria-hidden className="hidden text-muted-foreground sm:block">
          /
        </span>
        <AccountSwitcher entries={entries} />
        <div className="ml-auto flex items-center gap-2">
          <ThemeToggle />
          <UserMenu name={user.name} email={user.email} settingsHref={personal ? `/${personal.slug}/settings` : "/"} />
        </div>
      </div>
    </header>
  );
}
