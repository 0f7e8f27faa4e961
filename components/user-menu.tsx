"use client";
import { BookOpen, LogOut, UserRound } from "lucide-react";
import { signOutAction } from "@/app/(console)/session-actions";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuFormItem,
  DropdownMenuItemLink,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export function UserMenu({ name, email, settingsHref }: { name: string; email: string; settingsHref: string }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Account menu for ${name}`}
        className="flex size-9 items-center justify-center rounded-full bg-muted text-sm font-semibold hover:ring-2 hover:ring-border focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-primary"
      >
        {name.slice(0, 1).toUpperCase()}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel>
          <span className="block truncate font-medium text-foreground">{name}</span>
          <span className="block truncate text-xs font-normal text-muted-foreground">{email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItemLink href={settingsHref}>
          <UserRound aria-hidden className="size-4" />
          Profile and security
        </DropdownMenuItemLink>
        <DropdownMenuItemLink href="/docs/api">
          <BookOpen aria-hidden className="size-4" />
          API reference
        </DropdownMenuItemLink>
        <DropdownMenuSeparator />
        <DropdownMenuFormItem action={signOutAction}>
          <LogOut aria-hidden className="size-4" />
          Sign out
        </DropdownMenuFormItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
