"use client";
import { CheckCircle2, XCircle } from "lucide-react";
import { useState } from "react";
import { SelectField, TextareaField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { roleLabels, type Role } from "@/lib/authz/roles";
import type { InviteOutcome } from "@/lib/invitations/create";
import { MAX_INVITES_PER_SUBMISSION } from "@/lib/invitations/schemas";
import { inviteMembersAction } from "./actions";

export function InviteForm({ slug, roles }: { slug: string; roles: Role[] }) {
  const [emails, setEmails] = useState("");
  const { state, pending, errorFor, formError, formProps } = useActionForm<InviteOutcome[]>(inviteMembersAction.bind(null, slug), {
    // Keep only the addresses that still need attention, so a second submit does not repeat the sent ones.
    onSuccess: (result) => setEmails((result.data ?? []).filter((o) => !o.ok).map((o) => o.email).join("\n")),
  });
  const outcomes = state.status === "success" ? (state.data ?? []) : [];
  return (
    <form {...formProps} className="space-y-4" aria-label="Invite members">
      <FormMessage tone="error" message={formError} />
      <TextareaField
        label="Email addresses"
        name="emails"
        rows={3}
        value={emails}
        onChange={(event) => setEmails(event.currentTarget.value)}
        placeholder={"ada@example.com, grace@example.com"}
        hint={`Up to ${MAX_INVITES_PER_SUBMISSION} addresses, separated by commas or new lines.`}
        error={errorFor("emails")}
      />
      <SelectField label="Role" name="role" defaultValue="member" options={roles.map((role) => ({ value: role, label: roleLabels[role] }))} error={errorFor("role")} />
      <SubmitButton pending={pending}>Send invitations</SubmitButton>
      {outcomes.length > 0 && (
        <ul aria-label="Invitation results" className="space-y-1 text-sm">
          {outcomes.map((outcome, index) => (
            <li key={`${outcome.email}-${index}`} className="flex items-start gap-2">
              {outcome.ok ? <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-success" /> : <XCircle aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />}
              <span>
                <span className="font-medium">{outcome.email}</span>: {outcome.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
