"use client";
import { SelectField, TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { saveBillingProfileAction } from "./billing-profile-actions";

export interface BillingProfileValues {
  legalName: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  region: string;
  country: string;
  taxId: string;
  billingEmail: string;
}

export function BillingProfileForm({ slug, values, countries }: { slug: string; values: BillingProfileValues; countries: { value: string; label: string }[] }) {
  const { pending, errorFor, formError, formProps } = useActionForm(saveBillingProfileAction.bind(null, slug));
  return (
    <form {...formProps} className="grid gap-4 sm:grid-cols-2" aria-label="Billing profile">
      <FormMessage tone="error" message={formError} className="sm:col-span-2" />
      <TextField className="sm:col-span-2" label="Legal name" name="legalName" defaultValue={values.legalName} autoComplete="organization" error={errorFor("legalName")} />
      <TextField className="sm:col-span-2" label="Street address" name="addressLine1" defaultValue={values.addressLine1} autoComplete="address-line1" error={errorFor("addressLine1")} />
      <TextField className="sm:col-span-2" label="Address line 2 (optional)" name="addressLine2" defaultValue={values.addressLine2} autoComplete="address-line2" error={errorFor("addressLine2")} />
      <TextField label="Postal code" name="postalCode" defaultValue={values.postalCode} autoComplete="postal-code" error={errorFor("postalCode")} />
      <TextField label="City" name="city" defaultValue={values.city} autoComplete="address-level2" error={errorFor("city")} />
      <TextField label="Region or state (optional)" name="region" defaultValue={values.region} autoComplete="address-level1" error={errorFor("region")} />
      <SelectField label="Country" name="country" defaultValue={values.country} placeholder="Choose a country" options={countries} autoComplete="country" error={errorFor("country")} />
      <TextField label="VAT or tax ID (optional)" name="taxId" defaultValue={values.taxId} hint="Checked against your country's format. EU businesses outside France are reverse-charged." error={errorFor("taxId")} />
      <TextField label="Billing email" name="billingEmail" type="email" defaultValue={values.billingEmail} autoComplete="email" hint="Invoices and payment notices are sent here." error={errorFor("billingEmail")} />
      <div className="sm:col-span-2">
        <SubmitButton pending={pending}>Save billing profile</SubmitButton>
      </div>
    </form>
  );
}
