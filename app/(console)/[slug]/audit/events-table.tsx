import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { actionLabel } from "@/lib/audit-log/action-labels";
import { capitalized, describeActor } from "@/lib/audit-log/actors";
import { describeMetadata } from "@/lib/audit-log/details";
import type { AuditLogEntry } from "@/lib/audit-log/queries";

function None() {
  // relative: an absolutely positioned sr-only span would escape the table's scroll container and widen the page.
  return (
    <span className="relative">
      <span aria-hidden="true" className="text-muted-foreground">
        —
      </span>
      <span className="sr-only">None</span>
    </span>
  );
}

function Time({ date }: { date: Date }) {
  const iso = date.toISOString();
  return (
    <time dateTime={iso} className="whitespace-nowrap tabular-nums">
      {iso.slice(0, 10)} {iso.slice(11, 19)} <span className="text-muted-foreground">UTC</span>
    </time>
  );
}

/** Who acted and how: a person (and the API key they used), the platform (and its key), or a job. */
function Actor({ event }: { event: AuditLogEntry }) {
  const actor = describeActor(event);
  switch (actor.kind) {
    case "system":
      return <span className="text-muted-foreground italic">System</span>;
    case "job":
      return <span className="text-muted-foreground italic">{capitalized(actor.label)}</span>;
    case "platform":
      return (
        <span className="grid gap-0.5">
          <span>The platform</span>
          {actor.keyName ? <code className="text-xs break-all text-muted-foreground">{actor.keyName}</code> : null}
        </span>
      );
    case "member":
      return (
        <span className="grid gap-0.5">
          <span className="flex flex-wrap items-center gap-1.5">
            <span className="[overflow-wrap:anywhere]">{actor.email}</span>
            {actor.deleted ? <Badge>Deleted user</Badge> : null}
          </span>
          {actor.apiKey !== null ? (
            <span className="text-xs text-muted-foreground">
              via API key <code className="break-all">{actor.apiKey}</code>
            </span>
          ) : null}
        </span>
      );
  }
}

function Target({ event, accountId, accountLabel }: { event: AuditLogEntry; accountId: string; accountLabel: string }) {
  if (event.targetType === "account" && event.targetId === accountId) return <span>{accountLabel}</span>;
  return (
    <span className="grid gap-0.5">
      <span>{event.targetType}</span>
      {event.targetId ? <code className="text-xs break-all text-muted-foreground">{event.targetId}</code> : null}
    </span>
  );
}

function Details({ metadata }: { metadata: Record<string, unknown> }) {
  const lines = describeMetadata(metadata);
  if (lines.length === 0) return <None />;
  return (
    <dl className="grid gap-0.5 text-xs">
      {lines.map((line, index) => (
        <div key={index} className="flex flex-wrap gap-x-1.5">
          <dt className="text-muted-foreground">{line.label}:</dt>
          <dd className="break-words">{line.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function EventsTable({ events, accountId, accountLabel }: { events: AuditLogEntry[]; accountId: string; accountLabel: string }) {
  return (
    <Table caption="Audit events, newest first" captionHidden className="min-w-[60rem]">
      <THead>
        <TR>
          <TH>Time</TH>
          <TH>Actor</TH>
          <TH>Action</TH>
          <TH>Target</TH>
          <TH>Details</TH>
          <TH>IP address</TH>
        </TR>
      </THead>
      <TBody>
        {events.map((event) => (
          <TR key={event.id} className="[&>td]:align-top">
            <TD>
              <Time date={event.createdAt} />
            </TD>
            <TD className="max-w-72 min-w-52">
              <Actor event={event} />
            </TD>
            <TD>
              <span className="grid gap-0.5">
                <span className="font-medium">{actionLabel(event.action)}</span>
                <code className="text-xs text-muted-foreground">{event.action}</code>
              </span>
            </TD>
            <TD className="max-w-60 min-w-48">
              <Target event={event} accountId={accountId} accountLabel={accountLabel} />
            </TD>
            <TD className="max-w-md min-w-56">
              <Details metadata={event.metadata} />
            </TD>
            <TD className="whitespace-nowrap">{event.ip ? <code className="text-xs">{event.ip}</code> : <None />}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
