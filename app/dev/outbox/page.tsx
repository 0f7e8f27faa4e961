import "server-only";
import { count, desc } from "drizzle-orm";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { config, isProduction } from "@/lib/config";
import { OUTBOX_COOKIE, outboxTokenMatches } from "@/lib/mail/outbox-access";

export const metadata: Metadata = { title: "Dev outbox" };
const PAGE_SIZE = 20;

type OutboxSearchParams = Record<string, string | string[] | undefined>;

/** A page number as typed in the address bar: anything but a plain small integer is page 1. */
function requestedPage(value: OutboxSearchParams[string]): number {
  return typeof value === "string" && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 1;
}

/**
 * Mail kept when no SMTP server is configured. Never served when APP_ENV=production, and only to
 * whoever holds the link `npm start` prints (DEV_OUTBOX_TOKEN); everyone else gets a 404.
 */
export default async function DevOutboxPage({ searchParams }: { searchParams: Promise<OutboxSearchParams> }) {
  if (isProduction()) notFound();
  const params = await searchParams;
  const queryToken = typeof params.token === "string" ? params.token : undefined;
  const cookieToken = (await cookies()).get(OUTBOX_COOKIE)?.value;
  const expected = config().DEV_OUTBOX_TOKEN;
  if (!outboxTokenMatches(cookieToken, expected) && !outboxTokenMatches(queryToken, expected)) notFound();

  const [total] = await db.select({ n: count() }).from(mailOutbox);
  const pageCount = Math.max(1, Math.ceil((total?.n ?? 0) / PAGE_SIZE));
  const page = Math.min(requestedPage(params.page), pageCount);
  const mails = await db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE);
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-6 px-4 py-10">
      <PageHeader title="Dev outbox" description="Mail the console would send. This page exists only outside production." />
      {mails.length === 0 ? (
        <EmptyState title="No mail yet" description="Sign up or ask for a password reset, and the mail shows up here." />
      ) : (
        <ol className="space-y-4">
          {mails.map((mail) => (
            <li key={mail.id} className="rounded-lg border border-border p-4">
              <article aria-label={`Mail to ${mail.to}: ${mail.subject}`}>
                <header className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="font-semibold">{mail.subject}</h2>
                  <span className="text-sm text-muted-foreground">
                    to {mail.to} · {mail.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC · {mail.status}
                  </span>
                </header>
                <MailText text={mail.text} />
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageCount={pageCount} basePath="/dev/outbox" searchParams={{}} />
    </main>
  );
}

function MailText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <p className="text-sm whitespace-pre-wrap break-words">
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <a key={index} href={part} className="text-primary underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}
