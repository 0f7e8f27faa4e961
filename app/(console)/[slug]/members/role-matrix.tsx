import { Check, Minus } from "lucide-react";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { can } from "@/lib/authz/can";
import { permissionNames, permissions } from "@/lib/authz/permissions";
import { roleDescriptions, roleLabels, roles } from "@/lib/authz/roles";

/** What each role can do, drawn from the same table the server enforces. */
export function RoleMatrix() {
  return (
    <div className="space-y-4">
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {roles.map((role) => (
          <div key={role} className="rounded-lg border border-border p-3">
            <dt className="font-medium">{roleLabels[role]}</dt>
            <dd className="mt-1 text-sm text-muted-foreground">{roleDescriptions[role]}</dd>
          </div>
        ))}
      </dl>
      <Table caption="What each role can do in an organization" captionHidden>
        <THead>
          <TR>
            <TH>Permission</TH>
            {roles.map((role) => (
              <TH key={role} className="text-center">
                {roleLabels[role]}
              </TH>
            ))}
          </TR>
        </THead>
        <TBody>
          {permissionNames.map((permission) => (
            <TR key={permission}>
              <TH scope="row" className="font-normal">
                {permissions[permission].label}
              </TH>
              {roles.map((role) => (
                <TD key={role} className="text-center">
                  {can({ role, accountKind: "organization" }, permission) ? (
                    <Check role="img" aria-label="Yes" className="mx-auto size-4 text-success" />
                  ) : (
                    <Minus role="img" aria-label="No" className="mx-auto size-4 text-muted-foreground" />
                  )}
                </TD>
              ))}
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
