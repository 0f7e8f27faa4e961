"use client";

import * as MenuPrimitive from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { useRef } from "react";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * Root. Non-modal by default so the rest of the page is not aria-hidden while
 * open (keeps axe's aria-hidden-focus rule happy); Escape/outside click close it.
 */
export function DropdownMenu({ modal = false, ...props }: ComponentProps<typeof MenuPrimitive.Root>) {
  return <MenuPrimitive.Root modal={modal} {...props} />;
}

/** Use with asChild around a Button (give icon-only buttons an aria-label). */
export const DropdownMenuTrigger = MenuPrimitive.Trigger;
export const DropdownMenuGroup = MenuPrimitive.Group;

export function DropdownMenuContent({
  className,
  sideOffset = 4,
  align = "end",
  ...props
}: ComponentProps<typeof MenuPrimitive.Content>) {
  return (
    <MenuPrimitive.Portal>
      <MenuPrimitive.Content
        sideOffset={sideOffset}
        align={align}
        className={cn(
          "z-50 max-h-(--radix-dropdown-menu-content-available-height) min-w-44 origin-(--radix-dropdown-menu-content-transform-origin) overflow-y-auto rounded-lg border border-border bg-surface p-1 text-surface-foreground shadow-lg outline-none motion-safe:data-[state=open]:animate-pop-in",
          className,
        )}
        {...props}
      />
    </MenuPrimitive.Portal>
  );
}

type ItemTone = { tone?: "default" | "danger" };

const itemClasses = (tone: ItemTone["tone"], className?: string) =>
  cn(
    "relative flex w-full cursor-default select-none items-center gap-2 rounded-md px-2 py-1.5 text-sm no-underline outline-none data-[disabled]:pointer-events-none data-[disabled]:opacity-60 data-[highlighted]:bg-muted [&_svg]:size-4 [&_svg]:shrink-0",
    tone === "danger" ? "text-danger" : "text-foreground",
    className,
  );

export function DropdownMenuItem({
  className,
  tone,
  ...props
}: ComponentProps<typeof MenuPrimitive.Item> & ItemTone) {
  return <MenuPrimitive.Item className={itemClasses(tone, className)} {...props} />;
}

export type DropdownMenuItemLinkProps = ComponentProps<typeof Link> & ItemTone & { disabled?: boolean };

/** Menu item that navigates with next/link. */
export function DropdownMenuItemLink({ className, tone, disabled, ...props }: DropdownMenuItemLinkProps) {
  return (
    <MenuPrimitive.Item asChild disabled={disabled}>
      <Link className={itemClasses(tone, cn("cursor-pointer", className))} {...props} />
    </MenuPrimitive.Item>
  );
}

export type DropdownMenuFormItemProps = ItemTone & {
  /** Server action (or client function) to run, e.g. sign out. */
  action: (formData: FormData) => void | Promise<void>;
  children: ReactNode;
  /** Extra (hidden) inputs submitted with the form. */
  fields?: ReactNode;
  disabled?: boolean;
  className?: string;
};

/** Menu item that submits a form (keyboard and pointer), e.g. "Sign out". */
export function DropdownMenuFormItem({ action, children, fields, tone, disabled, className }: DropdownMenuFormItemProps) {
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <form ref={formRef} action={action}>
      {fields}
      <MenuPrimitive.Item
        disabled={disabled}
        className={itemClasses(tone, className)}
        onSelect={() => formRef.current?.requestSubmit()}
      >
        {children}
      </MenuPrimitive.Item>
    </form>
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<typeof MenuPrimitive.Label>) {
  return (
    <MenuPrimitive.Label
      className={cn("px-2 py-1.5 text-xs font-medium text-muted-foreground", className)}
      {...props}
    />
  );
}

export function DropdownMenuSeparator({ className, ...props }: ComponentProps<typeof MenuPrimitive.Separator>) {
  return <MenuPrimitive.Separator className={cn("-mx-1 my-1 h-px bg-border", className)} {...props} />;
}
