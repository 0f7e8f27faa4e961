import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { Banner } from "@/components/ui/banner";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { allowedExpiryChoices } from "@/lib/api-keys/create";
import { listApiKeys } from "@/lib/api-keys/queries";
import { defaultExpiryChoice, parseApiKeyCursor, type ApiKeyCursor } from "@/lib/api-keys/schemas";
import { can } from "@/lib/authz/can";
import { requireAccountContext } from "@/lib/authz/context";
import { roleLabels } from "@/lib/authz/roles";
import { config } from "@/lib/config";
import { searchParam, type SearchParams } from "@/lib/search-params";
import { CreateApiKeyForm } from "./create-key-form";
import { KeysList } from "./keys-list";

export const metadata: Metadata = { title: "API keys" };

function pageHref(basePath: string, cursor: ApiKeyCursor | null) {
  if (!cursor) return null;
  return `${basePath}?${cursor.direction === "older" ? "after" : "before"}=${cursor.keyId}`;
}

export default async function ApiKeysPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const ctx = await requireAccountContext((await params).slug);
  const search = await searchParams;
  const cursor = parseApiKeyCursor({ after: searchParam(search, "after"), before: searchParam(search, "before") });
  const page = await listApiKeys(ctx, cursor);
  const slug = ctx.account.slug;
  const basePath = `/${slug}/api-keys`;
  const personal = ctx.accountKind === "personal";
  const here = personal ? "your personal space" : "this organization";
  const canCreate = can(ctx, "apiKeys.manageOwn");
  const canRevokeAll = can(ctx, "apiKeys.manageAll");
  const choices = allowedExpiryChoices();
  const everyone = page.scope === "all";

  let list;
  if (page.keys.length > 0) {
    list = (
      <div className="space-y-4">
        <KeysList slug={slug} keys={page.keys} showOwner={everyone} viewerId={ctx.actor.userId} canRevokeOwn={canCreate} canRevokeAll={canRevokeAll} />
        <CursorPagination newerHref={pageHref(basePath, page.newer)} olderHref={pageHref(basePath, page.older)} />
      </div>
    );
  } else if (cursor) {
    list = <EmptyState title="No more keys" action={<ButtonLink href={basePath}>Go to the newest keys</ButtonLink>} />;
  } else {
    list = (
      <EmptyState
        icon={<KeyRound />}
        title="No API keys yet"
        description={
          everyone ? "No member has a key for this organization. Keys members create appear here." : canCreate ? "Create a key above to call the API from a script or a CI job." : `You have no keys in ${here}.`
        }
      />
    );
  }

  return (
    <div className="space-y-8">
      <PageHeader
        title="API keys"
        description={`A key lets a program call the console's API as you, in ${here} only, with your current role here (${roleLabels[ctx.role]}): if your role changes, the key follows at once; if you leave, it stops working. Keys of your personal space and of each organization are separate.`}
      />

      {canCreate ? (
        <Card>
          <CardHeader>
            <CardTitle>Create a key</CardTitle>
            <CardDescription>The key is shown once, right after you create it. The console keeps only a fingerprint of it.</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateApiKeyForm slug={slug} choices={choices} defaultChoice={defaultExpiryChoice(choices)} capDays={config().API_KEY_MAX_EXPIRY_DAYS ?? null} />
          </CardContent>
        </Card>
      ) : (
        <Banner tone="info" title="Your role cannot create API keys here">
          Your role in {here} is {roleLabels[ctx.role]}, which cannot create or revoke API keys. Owners, admins and developers can: ask an owner or an admin to change your role
          if you need a key.
        </Banner>
      )}

      <section aria-labelledby="keys-heading" className="space-y-4">
        <div className="grid gap-1">
          <h2 id="keys-heading" className="text-lg font-semibold">
            {everyone ? "Every member's keys" : "Your keys"}
          </h2>
          <p className="text-sm text-muted-foreground">
            {everyone ? "As an owner or admin you see every member's keys here, and can revoke any of them." : `The keys you created in ${here}.`} Last use is recorded at most once a minute.
            Times are in UTC.
          </p>
        </div>
        {list}
      </section>
    </div>
  );
}
