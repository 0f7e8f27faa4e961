import { Mail } from "lucide-react";
import Link from "next/link";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { listAccountsForUser } from "@/lib/accounts/queries";
import { countPendingInvitationsForUser } from "@/lib/invitations/queries";
import type { MemberActor } from "@/lib/authz/actor";
import { AccountSwitcher } from "./account-switcher";
import { UserMenu } from "./user-menu";

export async function AppHeader({ actor }: { actor: MemberActor }) {
  const [entries, invitationCount] = await Promise.all([listAccountsForUser(actor.userId), countPendingInvitationsForUser(actor.email)]);
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
          {invitationCount > 0 && personal && (
            <Link
              href={`/${personal.slug}#invitations`}
              className="flex items-center gap-1.5 rounded-full bg-primary-subtle px-3 py-1 text-sm font-medium text-primary-subtle-foreground hover:underline"
            >
              <Mail aria-hidden className="size-4" />
              {invitationCount} invitation{invitationCount === 1 ? "" : "s"}
            </Link>
          )}
          <ThemeToggle />
          <UserMenu name={actor.name ?? ""} email={actor.email} settingsHref={personal ? `/${personal.slug}/settings` : "/"} />
        </div>
      </div>
    </header>
  );
}
