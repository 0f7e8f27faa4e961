import { TicketPercent } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AccountContext } from "@/lib/authz/account-context";
import { can } from "@/lib/authz/can";
import { describeRedemption } from "@/lib/coupons/describe";
import { listRedemptions } from "@/lib/coupons/queries";
import { CouponForm } from "./coupon-form";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** Redeem a coupon or discount code (billing.manage), and what the account's codes gave (billing.view). */
export async function CouponSection({ ctx }: { ctx: AccountContext }) {
  const redemptions = await listRedemptions(ctx);
  const canRedeem = can(ctx, "billing.manage");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Coupons and discount codes</CardTitle>
        <CardDescription>
          {canRedeem ? "A credit is added to the balance at once; a percentage applies to the next invoices. Each code works once per account." : "Codes redeemed for this account. An owner, admin or billing manager can redeem new ones."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {canRedeem && <CouponForm slug={ctx.account.slug} />}
        <section aria-labelledby="redeemed-codes-heading" className="space-y-2">
          <h3 id="redeemed-codes-heading" className="text-sm font-semibold">
            Redeemed codes
          </h3>
          {redemptions.length === 0 ? (
            <p className="text-sm text-muted-foreground">No codes redeemed yet.</p>
          ) : (
            <ul aria-labelledby="redeemed-codes-heading" className="divide-y divide-border rounded-lg border border-border">
              {redemptions.map((redemption) => (
                <li key={redemption.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="flex items-center gap-2">
                    <TicketPercent aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
                    <span className="font-mono text-sm font-medium">{redemption.code}</span>
                    <span className="text-sm">{describeRedemption(redemption)}</span>
                  </div>
                  <p className="text-sm text-muted-foreground">
                    <time dateTime={redemption.redeemedAt.toISOString()}>{dateFormat.format(redemption.redeemedAt)}</time>
                    {redemption.redeemedByName ? ` · ${redemption.redeemedByName}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </CardContent>
    </Card>
  );
}
