import { CreditCard } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { AccountContext } from "@/lib/authz/account-context";
import { can } from "@/lib/authz/can";
import { listPaymentMethods, type PaymentMethodView } from "@/lib/billing/payment-methods";
import { paymentProvider } from "@/lib/payments";
import { PaymentMethodsActions } from "./payment-methods-actions";
import { PaymentMethodsAddCard } from "./payment-methods-add-card";

const twoDigits = (n: number) => String(n).padStart(2, "0");

function hasExpired(card: PaymentMethodView, now: Date) {
  return card.expYear * 12 + card.expMonth - 1 < now.getUTCFullYear() * 12 + now.getUTCMonth();
}

/** The account's cards; adding one goes through the payment provider's own component. */
export async function PaymentMethodsSection({ ctx }: { ctx: AccountContext }) {
  const cards = await listPaymentMethods(ctx);
  const canManage = can(ctx, "billing.manage");
  const now = new Date();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Payment methods</CardTitle>
        <CardDescription>Cards for top-ups and invoices; the default card is charged first. The console keeps only the brand, the last 4 digits and the expiry.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {cards.length === 0 ? (
          <EmptyState
            titleAs="h3"
            icon={<CreditCard />}
            title="No cards yet"
            description={canManage ? "Add a card below to top up credits and pay invoices." : "An owner, admin or billing manager can add one."}
          />
        ) : (
          <ul aria-label="Saved cards" className="divide-y divide-border rounded-lg border border-border">
            {cards.map((card) => {
              const name = `${card.brand} ending in ${card.last4}`;
              return (
                <li key={card.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
                  <div className="flex min-w-0 items-start gap-3">
                    <CreditCard aria-hidden className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
                    <div className="min-w-0">
                      <p className="flex flex-wrap items-center gap-2 font-medium">
                        <span>
                          {card.brand} <span aria-hidden>••••</span> <span className="sr-only">ending in</span> {card.last4}
                        </span>
                        {card.isDefault && <Badge tone="info">Default</Badge>}
                        {hasExpired(card, now) && <Badge tone="danger">Expired</Badge>}
                      </p>
                      <p className="truncate text-sm text-muted-foreground">
                        {card.holderName} · Expires {twoDigits(card.expMonth)}/{twoDigits(card.expYear % 100)}
                      </p>
                    </div>
                  </div>
                  {canManage && <PaymentMethodsActions slug={ctx.account.slug} card={{ id: card.id, name, isDefault: card.isDefault }} otherCards={cards.length - 1} />}
                </li>
              );
            })}
          </ul>
        )}
        {canManage && (
          <section aria-labelledby="add-card-heading" className="space-y-3 border-t border-border pt-6">
            <h3 id="add-card-heading" className="text-sm font-semibold">
              Add a card
            </h3>
            <PaymentMethodsAddCard slug={ctx.account.slug} providerId={paymentProvider().id} />
          </section>
        )}
      </CardContent>
    </Card>
  );
}
