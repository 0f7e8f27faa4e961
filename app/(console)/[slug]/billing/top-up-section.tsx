import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { AccountContext } from "@/lib/authz/account-context";
import { can } from "@/lib/authz/can";
import { formatMoney } from "@/lib/billing/money";
import { listPaymentMethods } from "@/lib/billing/payment-methods";
import { creditsOverview, ledgerKindLabels } from "@/lib/billing/top-up-queries";
import { TopUpForm } from "./top-up-form";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The balance (the sum of the ledger), a top-up form and the latest movements. */
export async function CreditsSection({ ctx }: { ctx: AccountContext }) {
  const canManage = can(ctx, "billing.manage");
  const [credits, cards] = await Promise.all([creditsOverview(ctx), canManage ? listPaymentMethods(ctx) : Promise.resolve([])]);
  const { balanceMinor, currency, entries } = credits;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Credits</CardTitle>
        <CardDescription>Usage and invoices are paid from credits first. Top up from one of your cards.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <dl>
          <dt className="text-sm text-muted-foreground">Balance</dt>
          <dd className="mt-1 flex flex-wrap items-center gap-3">
            <span className="text-3xl font-semibold tabular-nums" data-testid="credit-balance">
              {formatMoney(balanceMinor, currency)}
            </span>
            {credits.isLow && <Badge tone="warning">Low balance</Badge>}
          </dd>
        </dl>

        {canManage &&
          (cards.length > 0 ? (
            <TopUpForm
              slug={ctx.account.slug}
              currency={currency}
              cards={cards.map((card) => ({ id: card.id, label: `${card.brand} •••• ${card.last4}${card.isDefault ? " (default)" : ""}`, isDefault: card.isDefault }))}
            />
          ) : (
            <p className="text-sm text-muted-foreground">Add a card under Payment methods to top up.</p>
          ))}

        <section aria-labelledby="ledger-heading" className="space-y-3">
          <h3 id="ledger-heading" className="text-sm font-semibold">
            Recent movements
          </h3>
          {entries.length === 0 ? (
            <p className="text-sm text-muted-foreground">No credit movements yet.</p>
          ) : (
            <Table caption="Recent credit movements" captionHidden>
              <THead>
                <TR>
                  <TH>Date</TH>
                  <TH>Kind</TH>
                  <TH>Description</TH>
                  <TH className="text-right">Amount</TH>
                </TR>
              </THead>
              <TBody>
                {entries.map((entry) => (
                  <TR key={entry.id}>
                    <TD className="whitespace-nowrap">
                      <time dateTime={entry.createdAt.toISOString()}>{dateFormat.format(entry.createdAt)}</time>
                    </TD>
                    <TD>
                      <Badge tone={entry.amountMinor > 0 ? "success" : "neutral"}>{ledgerKindLabels[entry.kind] ?? entry.kind}</Badge>
                    </TD>
                    <TD className="min-w-48">{entry.description}</TD>
                    <TD className="text-right whitespace-nowrap tabular-nums">
                      {entry.amountMinor > 0 ? "+" : ""}
                      {formatMoney(entry.amountMinor, entry.currency)}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </section>
      </CardContent>
    </Card>
  );
}
