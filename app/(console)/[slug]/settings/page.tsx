import type { Metadata } from "next";
import { OrganizationForm } from "@/app/(console)/organization-form";
import { FlashToast } from "@/components/flash-toast";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { deletionConsequences } from "@/lib/accounts/accounting-records";
import { getAccountOverview } from "@/lib/accounts/queries";
import { isRecentlyAuthenticated } from "@/lib/auth/reauthentication";
import { can } from "@/lib/authz/can";
import { requireAccountContext, type SessionAccountContext } from "@/lib/authz/context";
import { formatMoney } from "@/lib/billing/money";
import { config } from "@/lib/config";
import { searchParam, type SearchParams } from "@/lib/search-params";
import { updateOrganizationAction } from "./actions";
import { ActiveSessions } from "./active-sessions";
import { ChangePasswordForm } from "./change-password-form";
import { DeleteAccountForm } from "./delete-account-form";
import { DeleteOrganizationForm } from "./delete-organization-form";
import type { DeletionSummary } from "./deletion-consequences";
import { LogoForm } from "./logo-form";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await requireAccountContext((await params).slug);
  const { hasLogo } = await getAccountOverview(ctx);
  const flash = searchParam(await searchParams, "flash") === "saved" ? <FlashToast message="Settings saved." /> : null;
  // A personal space's context is its owner's; in an organization only owners may see (and do) this.
  const summary = ctx.account.kind === "personal" || can(ctx, "account.delete") ? await deletionSummary(ctx.account.id) : null;
  return (
    <>
      {flash}
      {ctx.account.kind === "personal" ? <PersonalSettings ctx={ctx} hasLogo={hasLogo} summary={summary!} /> : <OrganizationSettings ctx={ctx} hasLogo={hasLogo} summary={summary} />}
    </>
  );
}

async function deletionSummary(accountId: string): Promise<DeletionSummary> {
  const { issuedInvoices, unsettledInvoiceNumbers, creditMinor, currency } = await deletionConsequences(accountId);
  return { issuedInvoices, unsettledInvoiceNumbers, credit: creditMinor > 0 ? formatMoney(creditMinor, currency) : null };
}

async function OrganizationSettings({ ctx, hasLogo, summary }: { ctx: SessionAccountContext; hasLogo: boolean; summary: DeletionSummary | null }) {
  const { account } = ctx;
  const editable = can(ctx, "account.update");
  const recentlyAuthenticated = await isRecentlyAuthenticated(ctx.actor);
  return (
    <div className="space-y-8">
      <PageHeader title="Settings" description={editable ? "The organization's identity and URL." : "Only owners and admins can change these settings."} />
      <Card>
        <CardHeader>
          <CardTitle>General</CardTitle>
        </CardHeader>
        <CardContent>
          {editable ? (
            <OrganizationForm
              action={updateOrganizationAction.bind(null, account.slug)}
              defaults={{ name: account.name, slug: account.slug, description: account.description, isCompany: account.isCompany }}
              submitLabel="Save settings"
              suggestSlug={false}
              origin={config().APP_URL}
            />
          ) : (
            <dl className="grid gap-4 sm:grid-cols-2" aria-label="Organization settings (read-only)">
              <ReadOnly label="Name" value={account.name} />
              <ReadOnly label="URL" value={`${config().APP_URL}/${account.slug}`} />
              <ReadOnly label="Description" value={account.description || "—"} />
              <ReadOnly label="Company" value={account.isCompany ? "Yes" : "No"} />
            </dl>
          )}
        </CardContent>
      </Card>
      {editable && (
        <Card>
          <CardHeader>
            <CardTitle>Logo</CardTitle>
            <CardDescription>Shown in the switcher and to members.</CardDescription>
          </CardHeader>
          <CardContent>
            <LogoForm slug={account.slug} name={account.name} hasLogo={hasLogo} label="Organization logo" />
          </CardContent>
        </Card>
      )}
      {summary && (
        <Card className="border-danger/50">
          <CardHeader>
            <CardTitle>Danger zone</CardTitle>
            <CardDescription>
              To hand the organization over instead, transfer ownership from the <a className="font-medium text-primary underline underline-offset-4" href={`/${account.slug}/members`}>members page</a>.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteOrganizationForm slug={account.slug} name={account.name} summary={summary} recentlyAuthenticated={recentlyAuthenticated} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}

async function PersonalSettings({ ctx, hasLogo, summary }: { ctx: SessionAccountContext; hasLogo: boolean; summary: DeletionSummary }) {
  const { actor: user, account } = ctx;
  const recentlyAuthenticated = await isRecentlyAuthenticated(user);
  return (
    <div className="space-y-8">
      <PageHeader title="Profile and security" description="Your personal details, password and sessions." />
      <Card>
        <CardHeader>
          <CardTitle>Profile</CardTitle>
        </CardHeader>
        <CardContent className="space-y-6">
          <ProfileForm name={user.name ?? ""} email={user.email} />
          <LogoForm slug={account.slug} name={account.name} hasLogo={hasLogo} label="Avatar" />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>Changing it signs you out on every device, this one included.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm recentlyAuthenticated={recentlyAuthenticated} />
        </CardContent>
      </Card>
      <ActiveSessions ctx={ctx} />
      <Card className="border-danger/50">
        <CardHeader>
          <CardTitle>Delete account</CardTitle>
          <CardDescription>
            Deletes your account, your personal space and your memberships, and withdraws the invitations you sent. This cannot be undone.
            Organizations you own alone must be transferred or deleted first.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <DeleteAccountForm email={user.email} slug={account.slug} summary={summary} recentlyAuthenticated={recentlyAuthenticated} />
        </CardContent>
      </Card>
    </div>
  );
}

function ReadOnly({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="mt-1 break-words">{value}</dd>
    </div>
  );
}
