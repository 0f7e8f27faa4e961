import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/authz/can";
import type { SessionAccountContext } from "@/lib/authz/context";
import { countryName, countryOptions } from "@/lib/billing/countries";
import { getBillingProfile } from "@/lib/billing/profile";
import { BillingProfileForm } from "./billing-profile-form";

export async function BillingProfileSection({ ctx }: { ctx: SessionAccountContext }) {
  const profile = await getBillingProfile(ctx);
  const values = {
    legalName: profile?.legalName ?? (ctx.account.kind === "organization" ? ctx.account.name : (ctx.actor.name ?? "")),
    addressLine1: profile?.addressLine1 ?? "",
    addressLine2: profile?.addressLine2 ?? "",
    postalCode: profile?.postalCode ?? "",
    city: profile?.city ?? "",
    region: profile?.region ?? "",
    country: profile?.country ?? "",
    taxId: profile?.taxId ?? "",
    billingEmail: profile?.billingEmail ?? ctx.actor.email,
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Billing profile</CardTitle>
        <CardDescription>Who is invoiced, and where. Tax is charged by the billing country.</CardDescription>
      </CardHeader>
      <CardContent>
        {can(ctx, "billing.manage") ? (
          <BillingProfileForm slug={ctx.account.slug} values={values} countries={countryOptions} />
        ) : profile ? (
          <dl className="grid gap-3 sm:grid-cols-2" aria-label="Billing profile (read-only)">
            <div>
              <dt className="text-sm text-muted-foreground">Legal name</dt>
              <dd>{profile.legalName}</dd>
            </div>
            <div>
              <dt className="text-sm text-muted-foreground">Address</dt>
              <dd>{[profile.addressLine1, profile.addressLine2, `${profile.postalCode} ${profile.city}`, profile.region, countryName(profile.country)].filter(Boolean).join(", ")}</dd>
            </div>
            <div>
              <dt className="text-sm text-muted-foreground">VAT or tax ID</dt>
              <dd>{profile.taxId || "—"}</dd>
            </div>
            <div>
              <dt className="text-sm text-muted-foreground">Billing email</dt>
              <dd>{profile.billingEmail}</dd>
            </div>
          </dl>
        ) : (
          <p className="text-sm text-muted-foreground">No billing profile yet. An owner, admin or billing manager can add one.</p>
        )}
      </CardContent>
    </Card>
  );
}
