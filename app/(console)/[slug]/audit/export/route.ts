import { auditLogCsvStream } from "@/lib/audit-log/export";
import { parseAuditLogQuery } from "@/lib/audit-log/filters";
import { requireAccountContext } from "@/lib/authz/context";

/** The whole filtered log as CSV, streamed; a 404 for anyone who may not read it, as for the page. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireAccountContext((await params).slug, "audit.view");
  const query = parseAuditLogQuery(new URL(request.url).searchParams);
  if (!query.ok) {
    const problems = Object.entries(query.fieldErrors).map(([field, message]) => `${field}: ${message}`);
    return new Response(`Invalid filters.\n${problems.join("\n")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(auditLogCsvStream(ctx, query.filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ctx.account.slug}-audit-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
