import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { config } from "@/lib/config";
import { OrganizationForm } from "../organization-form";
import { createOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "Create organization" };

export default function NewOrganizationPage() {
  const startsSuspended = config().NEW_ORGANIZATION_STATUS === "suspended";
  return (
    <main id="main" className="mx-auto w-full max-w-xl px-4 py-10">
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">Create organization</CardTitle>
          <CardDescription>
            You will be its owner and can invite members next.
            {startsSuspended && " A new organization starts suspended with no credit, and becomes active with its first payment."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <OrganizationForm
            action={createOrganizationAction}
            defaults={{ name: "", slug: "", description: "", isCompany: false }}
            submitLabel="Create organization"
            suggestSlug
            origin={config().APP_URL}
          />
        </CardContent>
      </Card>
    </main>
  );
}
