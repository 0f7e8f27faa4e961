import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/ui/theme-toggle";

/** The frame of the pages seen signed out: sign-in, sign-up, resets, invite links. */
export function PublicShell({ children, width = "max-w-sm" }: { children: ReactNode; width?: string }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <Link href="/" className="font-semibold tracking-tight">
          Organization Console
        </Link>
        <ThemeToggle />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 py-8 sm:items-center">
        <div className={`w-full ${width}`}>{children}</div>
      </main>
    </div>
  );
}
