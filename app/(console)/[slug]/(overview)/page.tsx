import type { Metadata } from "next";
import Link from "next/link";
import { AccountAvatar } from "@/components/account-avatar";
import { FlashToast } from "@/components/flash-toast";
import { lookup, searchParam, type SearchParams } from "@/lib/search-params";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getAccountOverview } from "@/lib/accounts/queries";
import { can } from "@/lib/authz/can";
import { requireAccountContext } from "@/lib/authz/context";
import { roleLabels } from "@/lib/authz/roles";
import { formatMoney } from "@/lib/billing/money";
import { billingSnapshot } from "@/lib/billing/snapshot";
import { monthToDateEstimate } from "@/lib/consumption/queries";
import { countOpenInvitations, listPendingInvitationsForUser } from "@/lib/invitations/queries";
import { PendingInvitations } from "./pending-invitations";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const ctx = await requireAccountContext((await params).slug);
  return { title: ctx.account.name };
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long" });

const flashes: Record<string, string> = { left: "You left the organization.", declined: "Invitation declined.", deleted: "The organization was deleted." };

export default async function OverviewPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const ctx = await requireAccountContext((await params).slug);
  const flash = lookup(flashes, searchParam(await searchParams, "flash"));
  const [overview, invitations, estimate, billing, openInvitations] = await Promise.all([
    getAccountOverview(ctx),
    ctx.account.kind === "personal" ? listPendingInvitationsForUser(ctx.actor.email) : Promise.resolve([]),
    can(ctx, "consumption.view") ? monthToDateEstimate(ctx) : Promise.resolve(null),
    can(ctx, "billing.view") ? billingSnapshot(ctx) : Promise.resolve(null),
    can(ctx, "members.view") ? countOpenInvitations(ctx) : Promise.resolve(null),
  ]);
  const { account } = ctx;
  const isOrganization = account.kind === "organization";
  return (
    <div className="space-y-8">
      {flash && <FlashToast message={flash} />}
      <PageHeader
        title={account.name}
        description={isOrganization ? account.description || "No description yet." : "Your personal space. It is yours alone and goes with your account."}
        actions={can(ctx, "account.update") ? <ButtonLink href={`/${account.slug}/settings`} variant="secondary">Edit settings</ButtonLink> : undefined}
      />
      <div className="flex items-center gap-3">
        <AccountAvatar slug={account.slug} name={account.name} hasLogo={overview.hasLogo} size={48} />
        <div className="flex flex-wrap gap-2">
          <Badge tone={account.status === "active" ? "success" : "warning"}>{account.status === "active" ? "Active" : "Suspended"}</Badge>
          <Badge tone="neutral">{isOrganization ? "Organization" : "Personal space"}</Badge>
          {isOrganization && <Badge tone="info">Your role: {roleLabels[ctx.role]}</Badge>}
          {account.isCompany && <Badge tone="neutral">Company</Badge>}
        </div>
      </div>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Status" value={account.status === "active" ? "Active" : "Suspended"} />
        {isOrganization && <Stat label="Members" value={String(overview.memberCount)} href={`/${account.slug}/members`} />}
        {openInvitations !== null && <Stat label="Pending invitations" value={String(openInvitations)} href={`/${account.slug}/members`} />}
        {billing && <Stat label="Credit balance" value={formatMoney(billing.balanceMinor, billing.currency)} href={`/${account.slug}/billing`} />}
        {estimate && <Stat label="Month-to-date estimate" value={formatMoney(estimate.totalMinor, estimate.currency)} href={`/${account.slug}/consumption`} />}
        {billing && (
          <Stat
            label="Last invoice"
            value={billing.lastInvoice ? formatMoney(billing.lastInvoice.totalMinor, billing.lastInvoice.currency) : "None yet"}
            detail={billing.lastInvoice ? `${billing.lastInvoice.number} · ${billing.lastInvoice.status}` : undefined}
            href={billing.lastInvoice ? `/${account.slug}/invoices/${billing.lastInvoice.number}` : `/${account.slug}/invoices`}
          />
        )}
        <Stat label="Created" value={dateFormat.format(account.createdAt)} />
      </dl>
      {!isOrganization && <PendingInvitations invitations={invitations} />}
      {!isOrganization && (
        <Card>
          <CardHeader>
            <CardTitle>Work with a team</CardTitle>
            <CardDescription>Create an organization to invite members, share billing and manage roles.</CardDescription>
          </CardHeader>
          <CardContent>
            <ButtonLink href="/new">Create organization</ButtonLink>
          </CardContent>
        </Card>
      )}
    </div>
  );
}

function Stat({ label, value, detail, href }: { label: string; value: string; detail?: string; href?: string }) {
  return (
    <div className="relative rounded-lg border border-border p-4 focus-within:ring-2 focus-within:ring-primary hover:border-primary/50">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold">
        {href ? (
          <Link href={href} aria-label={`${label}: ${value}${detail ? ` (${detail})` : ""}`} className="after:absolute after:inset-0 focus-visible:outline-none">
            {value}
          </Link>
        ) : (
          value
        )}
      </dd>
      {detail && <dd className="mt-1 text-sm text-muted-foreground">{detail}</dd>}
    </div>
  );
}
