import type { Metadata } from "next";
import { OrganizationForm } from "@/app/(console)/organization-form";
import { FlashToast } from "@/components/flash-toast";
import { SubmitButton } from "@/components/form/submit-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getAccountOverview } from "@/lib/accounts/queries";
import { can } from "@/lib/authz/can";
import { requireAccountContext, type AccountContext } from "@/lib/authz/context";
import { config } from "@/lib/config";
import { searchParam, type SearchParams } from "@/lib/search-params";
import { updateOrganizationAction, signOutEverywhereAction } from "./actions";
import { ChangePasswordForm } from "./change-password-form";
import { DeleteAccountForm } from "./delete-account-form";
import { DeleteOrganizationForm } from "./delete-organization-form";
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
  return (
    <>
      {flash}
      {ctx.account.kind === "personal" ? <PersonalSettings ctx={ctx} hasLogo={hasLogo} /> : <OrganizationSettings ctx={ctx} hasLogo={hasLogo} />}
    </>
  );
}

function OrganizationSettings({ ctx, hasLogo }: { ctx: AccountContext; hasLogo: boolean }) {
  const { account } = ctx;
  const editable = can(ctx, "account.update");
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
      {can(ctx, "account.delete") && (
        <Card className="border-danger/50">
          <CardHeader>
            <CardTitle>Danger zone</CardTitle>
            <CardDescription>
              To hand the organization over instead, transfer ownership from the <a className="font-medium text-primary underline underline-offset-4" href={`/${account.slug}/members`}>members page</a>.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <DeleteOrganizationForm slug={account.slug} name={account.name} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}

function PersonalSettings({ ctx, hasLogo }: { ctx: AccountContext; hasLogo: boolean }) {
  const { user, account } = ctx;
  return (
    <div className="space-y-8">
      <PageHeader title="Profile and security" description="Your personal details, password and sessions." />
      <Card>
        <CardHeader>
          <CardTitle>Profile</CardTitle>
        </CardHeader>
        <CardContent className="space-y-6">
          <ProfileForm name={user.name} email={user.email} />
          <LogoForm slug={account.slug} name={account.name} hasLogo={hasLogo} label="Avatar" />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>Changing it signs you out on every device, this one included.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Sessions</CardTitle>
          <CardDescription>Lost a device? Sign out of every browser where you are signed in.</CardDescription>
        </CardHeader>
        <CardContent>
          <form action={signOutEverywhereAction}>
            <SubmitButton variant="secondary">Sign out everywhere</SubmitButton>
          </form>
        </CardContent>
      </Card>
      <Card className="border-danger/50">
        <CardHeader>
          <CardTitle>Delete account</CardTitle>
          <CardDescription>
            Deletes your account, your personal space and your memberships. This cannot be undone. Organizations you own alone must be
            transferred or deleted first.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <DeleteAccountForm email={user.email} />
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
