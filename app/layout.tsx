import type { Metadata } from "next";
import { GeistSans } from "geist/font/sans";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ThemeProvider } from "@/components/ui/theme-provider";
import { Toaster } from "@/components/ui/toaster";
import { nonceFromPolicy } from "@/lib/http/content-security-policy";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Organization Console", template: "%s · Organization Console" },
  description: "Manage your personal space, organizations, members and billing.",
};

/** Reading the request makes every page dynamic: each response carries its own nonce (proxy.ts). */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = nonceFromPolicy((await headers()).get("content-security-policy"));
  return (
    <html lang="en" className={GeistSans.variable} suppressHydrationWarning>
      <body className="min-h-dvh bg-background text-foreground antialiased">
        <ThemeProvider nonce={nonce}>
          {children}
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
