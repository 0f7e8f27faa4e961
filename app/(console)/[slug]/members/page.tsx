import { Users } from "lucide-react";
import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { isRecentlyAuthenticated } from "@/lib/auth/reauthentication";
import { can } from "@/lib/authz/can";
import { requireAccountContext } from "@/lib/authz/context";
import { invitableRoles, removalRefusal, roleChangeRefusal } from "@/lib/authz/member-rules";
import { roleLabels, roles } from "@/lib/authz/roles";
import { listOpenInvitations } from "@/lib/invitations/queries";
import { invitationState } from "@/lib/invitations/tokens";
import { pendingTransfer } from "@/lib/members/ownership-transfer";
import { listMembers } from "@/lib/members/queries";
import { memberListSchema } from "@/lib/members/schemas";
import { cleanSearchParams, searchParam, type SearchParams } from "@/lib/search-params";
import { InvitationActions } from "./invitation-actions";
import { InviteForm } from "./invite-form";
import { LeaveOrganization } from "./leave-organization";
import { MemberActions } from "./member-actions";
import { MemberFilters } from "./member-filters";
import { RoleMatrix } from "./role-matrix";
import { TransferBanner } from "./transfer-banner";

export const metadata: Metadata = { title: "Members" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await requireAccountContext((await params).slug, "members.view");
  const raw = cleanSearchParams(await searchParams);
  const query = memberListSchema.parse(raw);
  const invitationsPage = Math.min(100_000, Math.max(1, Number.parseInt(searchParam(raw, "invitationsPage") ?? "1", 10) || 1));
  const canInvite = can(ctx, "members.invite");
  const [members, openInvitations, transfer, recentlyAuthenticated] = await Promise.all([
    listMembers(ctx, query),
    canInvite ? listOpenInvitations(ctx, invitationsPage) : Promise.resolve(null),
    pendingTransfer(ctx),
    can(ctx, "ownership.transfer") ? isRecentlyAuthenticated(ctx.actor) : Promise.resolve(false),
  ]);
  const slug = ctx.account.slug;
  const me = { userId: ctx.actor.userId, role: ctx.role };
  const now = new Date();
  const searchParamsForPaging = raw;

  return (
    <div className="space-y-8">
      <PageHeader title="Members" description={`${members.total} ${query.q || query.role ? "matching " : ""}member${members.total === 1 ? "" : "s"}. Your role: ${roleLabels[ctx.role]}.`} />

      {transfer && (
        <TransferBanner
          slug={slug}
          transfer={transfer}
          isRecipient={transfer.toUserId === ctx.actor.userId}
          canCancel={ctx.role === "owner"}
        />
      )}

      {canInvite && (
        <Card>
          <CardHeader>
            <CardTitle>Invite members</CardTitle>
            <CardDescription>Each address gets a link valid for 7 days. You can invite up to your own role.</CardDescription>
          </CardHeader>
          <CardContent>
            <InviteForm slug={slug} roles={invitableRoles(ctx.role)} />
          </CardContent>
        </Card>
      )}

      <section aria-labelledby="members-heading" className="space-y-4">
        <h2 id="members-heading" className="text-lg font-semibold">
          People
        </h2>
        <MemberFilters slug={slug} query={query} />
        {members.rows.length === 0 ? (
          <EmptyState icon={<Users aria-hidden className="size-6" />} title="No members match" description="Try another search or role." />
        ) : (
          <Table caption="Members" captionHidden>
            <THead>
              <TR>
                <TH>Member</TH>
                <TH>Role</TH>
                <TH>Joined</TH>
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {members.rows.map((member) => {
                const target = { userId: member.userId, role: member.role };
                const others = can(ctx, "members.updateRole") ? roles.filter((role) => role !== member.role && roleChangeRefusal(me, target, role) === null) : [];
                const assignable = others.length > 0 ? roles.filter((role) => role === member.role || others.includes(role)) : [];
                return (
                  <TR key={member.userId}>
                    <TD>
                      <div className="font-medium">
                        {member.name}
                        {member.userId === ctx.actor.userId && <span className="ml-2 text-xs text-muted-foreground">(you)</span>}
                      </div>
                      <div className="text-sm text-muted-foreground">{member.email}</div>
                    </TD>
                    <TD>
                      <Badge tone={member.role === "owner" ? "info" : "neutral"}>{roleLabels[member.role]}</Badge>
                    </TD>
                    <TD>
                      <time dateTime={member.joinedAt.toISOString()}>{dateFormat.format(member.joinedAt)}</time>
                    </TD>
                    <TD>
                      <MemberActions
                        slug={slug}
                        member={{ userId: member.userId, name: member.name, role: member.role }}
                        assignableRoles={assignable}
                        canRemove={can(ctx, "members.remove") && removalRefusal(me, target) === null}
                        canOfferOwnership={can(ctx, "ownership.transfer") && member.role !== "owner" && !transfer}
                        recentlyAuthenticated={recentlyAuthenticated}
                      />
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
        <Pagination page={query.page} pageCount={members.pageCount} basePath={`/${slug}/members`} searchParams={searchParamsForPaging} />
      </section>

      {openInvitations && (
        <section aria-labelledby="invitations-heading" className="space-y-4">
          <h2 id="invitations-heading" className="text-lg font-semibold">
            Pending invitations
          </h2>
          {openInvitations.rows.length === 0 ? (
            <EmptyState title="No pending invitations" description="Invitations you send appear here until they are accepted." />
          ) : (
            <Table caption="Pending invitations" captionHidden>
              <THead>
                <TR>
                  <TH>Email</TH>
                  <TH>Role</TH>
                  <TH>Invited by</TH>
                  <TH>Sent</TH>
                  <TH>Expires</TH>
                  <TH>
                    <span className="sr-only">Actions</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {openInvitations.rows.map((invitation) => {
                  const expired = invitationState(invitation, now) === "expired";
                  return (
                    <TR key={invitation.id}>
                      <TD className="font-medium">{invitation.email}</TD>
                      <TD>{roleLabels[invitation.role]}</TD>
                      <TD>{invitation.inviterName ?? "A former member"}</TD>
                      <TD>
                        <time dateTime={invitation.lastSentAt.toISOString()}>{dateFormat.format(invitation.lastSentAt)}</time>
                        {invitation.sendCount > 1 && <span className="text-xs text-muted-foreground"> (sent {invitation.sendCount}×)</span>}
                      </TD>
                      <TD>
                        {expired ? (
                          <Badge tone="warning">Expired</Badge>
                        ) : (
                          <time dateTime={invitation.expiresAt.toISOString()}>{dateFormat.format(invitation.expiresAt)}</time>
                        )}
                      </TD>
                      <TD>
                        <InvitationActions slug={slug} invitation={{ id: invitation.id, email: invitation.email }} expired={expired} />
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          )}
          <Pagination
            page={invitationsPage}
            pageCount={openInvitations.pageCount}
            basePath={`/${slug}/members`}
            searchParams={{ ...searchParamsForPaging, page: undefined, invitationsPage: String(invitationsPage) }}
          />
        </section>
      )}

      <section aria-labelledby="roles-heading" className="space-y-4">
        <h2 id="roles-heading" className="text-lg font-semibold">
          Roles and what they can do
        </h2>
        <RoleMatrix />
      </section>

      <Card className="border-danger/40">
        <CardHeader>
          <CardTitle>Leave organization</CardTitle>
          <CardDescription>
            {ctx.role === "owner" ? "If you are the last owner, transfer ownership or delete the organization instead." : "You can be invited again later."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <LeaveOrganization slug={slug} name={ctx.account.name} />
        </CardContent>
      </Card>
    </div>
  );
}
