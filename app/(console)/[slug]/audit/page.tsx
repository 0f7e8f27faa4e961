import { Download, ScrollText, SearchX } from "lucide-react";
import type { Metadata } from "next";
import { buttonClasses, ButtonLink } from "@/components/ui/button";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { auditLogSearch, hasFilters, parseAuditLogQuery, rawFilterValues, type AuditLogCursor, type AuditLogFilters } from "@/lib/audit-log/filters";
import { listAuditActions, listAuditEvents } from "@/lib/audit-log/queries";
import { requireAccountContext } from "@/lib/authz/context";
import { EventsTable } from "./events-table";
import { FilterForm } from "./filter-form";
import { cleanSearchParams, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Audit log" };

function withSearch(path: string, filters: AuditLogFilters, cursor?: AuditLogCursor | null) {
  const search = auditLogSearch(filters, cursor);
  return search ? `${path}?${search}` : path;
}

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await requireAccountContext((await params).slug, "audit.view");
  const search = cleanSearchParams(await searchParams);
  const query = parseAuditLogQuery(search);
  const [actions, page] = await Promise.all([listAuditActions(ctx), query.ok ? listAuditEvents(ctx, query.filters, query.cursor) : null]);
  const basePath = `/${ctx.account.slug}/audit`;
  const values = rawFilterValues(search);
  const personal = ctx.account.kind === "personal";

  let results;
  if (!query.ok || !page) {
    results = <EmptyState icon={<SearchX />} title="Check the filters" description="Correct the highlighted filters to see events." />;
  } else if (page.events.length > 0) {
    results = (
      <div className="space-y-4">
        <EventsTable events={page.events} accountId={ctx.account.id} accountLabel={personal ? "This personal space" : "This organization"} />
        <CursorPagination
          newerHref={page.newer && withSearch(basePath, query.filters, page.newer)}
          olderHref={page.older && withSearch(basePath, query.filters, page.older)}
        />
      </div>
    );
  } else if (query.cursor) {
    results = <EmptyState title="No more events" action={<ButtonLink href={withSearch(basePath, query.filters)}>Go to the newest events</ButtonLink>} />;
  } else if (hasFilters(query.filters)) {
    results = <EmptyState icon={<SearchX />} title="No events match these filters" description="Try a wider date range, another action, or clear the filters." />;
  } else {
    results = <EmptyState icon={<ScrollText />} title="No events yet" description="Changes and sign-ins are recorded here as they happen." />;
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description={`${personal ? "What happened in your personal space" : "Who did what in this organization"}, newest first. Times are in UTC.`}
        actions={
          query.ok ? (
            <a href={withSearch(`${basePath}/export`, query.filters)} download className={buttonClasses({ variant: "secondary" })}>
              <Download aria-hidden="true" />
              Export CSV
            </a>
          ) : null
        }
      />
      <FilterForm
        key={JSON.stringify(values)}
        basePath={basePath}
        values={values}
        fieldErrors={query.ok ? {} : query.fieldErrors}
        actions={actions}
        filtered={Object.values(values).some((value) => value.trim() !== "")}
      />
      {results}
    </div>
  );
}
