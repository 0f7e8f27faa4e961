"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
import type { ReactNode } from "react";

/*
 * next-themes renders an inline <script> that sets the theme class before
 * paint. It must execute from the server HTML; if React ever creates it on
 * the client (e.g. a remount), React 19 logs "Encountered a script tag...".
 * Marking it as a data block on the client silences that without affecting
 * the server-rendered script (the script already has suppressHydrationWarning).
 */
const scriptProps = typeof window === "undefined" ? undefined : { type: "application/json" };

/** Wrap the app in the root layout; put suppressHydrationWarning on <html>. `nonce`: the request's CSP nonce, for the inline script. */
export function ThemeProvider({ children, nonce }: { children: ReactNode; nonce?: string }) {
  return (
    <NextThemesProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      scriptProps={scriptProps}
      nonce={nonce}
    >
      {children}
    </NextThemesProvider>
  );
}
