import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireAccountContext } from "@/lib/authz/context";
import { BillingProfileSection } from "./billing-profile-section";
import { CouponSection } from "./coupon-section";
import { PaymentMethodsSection } from "./payment-methods-section";
import { CreditsSection } from "./top-up-section";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireAccountContext((await params).slug, "billing.view");
  return (
    <div className="space-y-8">
      <PageHeader
        title="Billing"
        description="Credits, payment methods, billing details and discount codes."
        actions={<Badge tone={ctx.account.status === "active" ? "success" : "warning"}>{ctx.account.status === "active" ? "Active" : "Suspended"}</Badge>}
      />
      <CreditsSection ctx={ctx} />
      <PaymentMethodsSection ctx={ctx} />
      <BillingProfileSection ctx={ctx} />
      <CouponSection ctx={ctx} />
    </div>
  );
}
