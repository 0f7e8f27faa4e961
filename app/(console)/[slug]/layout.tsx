import type { ReactNode } from "react";
import { AccountNav } from "@/components/account-nav";
import { Banner } from "@/components/ui/banner";
import { can } from "@/lib/authz/can";
import { requireAccountContext } from "@/lib/authz/context";

export default async function AccountLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireAccountContext(slug);
  const items = [
    { href: `/${ctx.account.slug}`, label: "Overview" },
    ...(can(ctx, "members.view") ? [{ href: `/${ctx.account.slug}/members`, label: "Members" }] : []),
    ...(can(ctx, "billing.view") ? [{ href: `/${ctx.account.slug}/billing`, label: "Billing" }, { href: `/${ctx.account.slug}/invoices`, label: "Invoices" }] : []),
    ...(can(ctx, "consumption.view") ? [{ href: `/${ctx.account.slug}/consumption`, label: "Consumption" }] : []),
    { href: `/${ctx.account.slug}/api-keys`, label: "API keys" },
    { href: `/${ctx.account.slug}/settings`, label: ctx.account.kind === "personal" ? "Profile and security" : "Settings" },
    ...(can(ctx, "audit.view") ? [{ href: `/${ctx.account.slug}/audit`, label: "Audit log" }] : []),
  ];
  return (
    <div className="flex flex-1 flex-col">
      <AccountNav items={items} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 space-y-6 px-4 py-8">
        {ctx.account.status === "suspended" && (
          <Banner tone="warning" title="This organization is suspended">
            {can(ctx, "billing.manage")
              ? "A new organization starts with no credit. It becomes active with its first payment."
              : "A new organization starts with no credit. An owner, admin or billing manager can activate it with a first payment."}
          </Banner>
        )}
        {children}
      </main>
    </div>
  );
}
