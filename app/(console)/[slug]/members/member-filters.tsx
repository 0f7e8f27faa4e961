import { SelectField, TextField } from "@/components/form/field";
import { Button, ButtonLink } from "@/components/ui/button";
import { roleLabels, roles } from "@/lib/authz/roles";
import type { MemberListQuery } from "@/lib/members/schemas";

const sorts = [
  { value: "joined", label: "Newest first" },
  { value: "name", label: "Name" },
  { value: "email", label: "Email" },
  { value: "role", label: "Role" },
];

/** A plain GET form: filters live in the URL, so a filtered list can be shared and reloaded. */
export function MemberFilters({ slug, query }: { slug: string; query: MemberListQuery }) {
  const filtered = Boolean(query.q || query.role || query.sort !== "joined");
  return (
    <form method="get" action={`/${slug}/members`} role="search" aria-label="Filter members" className="grid gap-3 sm:grid-cols-[1fr_12rem_12rem_auto] sm:items-end">
      <TextField label="Search" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Name or email" maxLength={100} />
      <SelectField label="Filter by role" name="role" defaultValue={query.role ?? ""} placeholder="All roles" options={roles.map((role) => ({ value: role, label: roleLabels[role] }))} />
      <SelectField label="Sort by" name="sort" defaultValue={query.sort} options={sorts} />
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {filtered && (
          <ButtonLink href={`/${slug}/members`} variant="ghost">
            Reset
          </ButtonLink>
        )}
      </div>
    </form>
  );
}
