"use client";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useParams } from "next/navigation";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItemLink,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { roleLabels } from "@/lib/authz/roles";
import type { SwitcherEntry } from "@/lib/accounts/queries";
import { AccountAvatar } from "./account-avatar";

/** Personal space first, then organizations with the user's role, then "Create organization". */
export function AccountSwitcher({ entries }: { entries: SwitcherEntry[] }) {
  const params = useParams<{ slug?: string }>();
  const current = entries.find((entry) => entry.slug === params.slug);
  const personal = entries.filter((entry) => entry.kind === "personal");
  const organizations = entries.filter((entry) => entry.kind === "organization");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex min-w-0 items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-primary"
        aria-label={`Switch account (current: ${current ? current.name : "none"})`}
      >
        {current ? <AccountAvatar slug={current.slug} name={current.name} hasLogo={current.hasLogo} size={20} /> : null}
        <span className="truncate">{current ? current.name : "Choose an account"}</span>
        {current?.kind === "personal" && <span className="text-xs text-muted-foreground">Personal</span>}
        <ChevronsUpDown aria-hidden className="size-4 text-muted-foreground" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel>Personal space</DropdownMenuLabel>
        {personal.map((entry) => (
          <SwitcherItem key={entry.slug} entry={entry} active={entry.slug === current?.slug} detail="Personal" />
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Organizations</DropdownMenuLabel>
        {organizations.length === 0 && <p className="px-2 py-1.5 text-sm text-muted-foreground">You are not in any organization yet.</p>}
        {organizations.map((entry) => (
          <SwitcherItem key={entry.slug} entry={entry} active={entry.slug === current?.slug} detail={roleLabels[entry.role]} />
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItemLink href="/new">
          <Plus aria-hidden className="size-4" />
          Create organization
        </DropdownMenuItemLink>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function SwitcherItem({ entry, active, detail }: { entry: SwitcherEntry; active: boolean; detail: string }) {
  return (
    <DropdownMenuItemLink href={`/${entry.slug}`} aria-current={active ? "page" : undefined}>
      <AccountAvatar slug={entry.slug} name={entry.name} hasLogo={entry.hasLogo} size={20} />
      <span className="flex-1 truncate">{entry.name}</span>
      <span className="text-xs text-muted-foreground">{detail}</span>
      {active ? <Check aria-label="Current" className="size-4" /> : <span className="size-4" aria-hidden />}
    </DropdownMenuItemLink>
  );
}
