import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ApiKeyListItem, ApiKeyStatus } from "@/lib/api-keys/queries";
import { RevokeKeyButton } from "./revoke-key-button";

const statusBadge: Record<ApiKeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "success" },
  expired: { label: "Expired", tone: "warning" },
  revoked: { label: "Revoked", tone: "neutral" },
};

function Time({ date }: { date: Date }) {
  const iso = date.toISOString();
  return (
    <time dateTime={iso} className="whitespace-nowrap tabular-nums">
      {iso.slice(0, 10)} {iso.slice(11, 16)} <span className="text-muted-foreground">UTC</span>
    </time>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="text-muted-foreground">{children}</span>;
}

function KeyName({ apiKey }: { apiKey: ApiKeyListItem }) {
  return (
    <div className="grid gap-1">
      <span className="font-medium [overflow-wrap:anywhere]">{apiKey.name}</span>
      <span className="flex flex-wrap items-center gap-1.5">
        <code className="text-xs text-muted-foreground" aria-label={`Key starting ${apiKey.displayPrefix}, ending ${apiKey.last4}`}>
          {apiKey.displayPrefix}…{apiKey.last4}
        </code>
        {apiKey.readOnly && <Badge tone="info">Read-only</Badge>}
      </span>
    </div>
  );
}

function LastUsed({ apiKey }: { apiKey: ApiKeyListItem }) {
  if (!apiKey.lastUsedAt) return <Muted>Never</Muted>;
  return (
    <span className="grid gap-0.5">
      <Time date={apiKey.lastUsedAt} />
      {apiKey.lastUsedIp && <span className="text-xs text-muted-foreground">from {apiKey.lastUsedIp}</span>}
    </span>
  );
}

function Expiry({ apiKey }: { apiKey: ApiKeyListItem }) {
  return apiKey.expiresAt ? <Time date={apiKey.expiresAt} /> : <Muted>Never</Muted>;
}

function Status({ apiKey }: { apiKey: ApiKeyListItem }) {
  const badge = <Badge tone={statusBadge[apiKey.status].tone}>{statusBadge[apiKey.status].label}</Badge>;
  if (!apiKey.revokedAt) return badge;
  return (
    <span className="grid justify-items-start gap-1">
      {badge}
      <span className="text-xs text-muted-foreground">
        on <Time date={apiKey.revokedAt} />
      </span>
    </span>
  );
}

function Owner({ apiKey, mine }: { apiKey: ApiKeyListItem; mine: boolean }) {
  return (
    <span className="grid gap-0.5">
      <span>
        {apiKey.owner.name}
        {mine && <span className="ml-1 text-xs text-muted-foreground">(you)</span>}
      </span>
      <span className="text-xs break-words text-muted-foreground">{apiKey.owner.email}</span>
    </span>
  );
}

interface KeysListProps {
  slug: string;
  keys: ApiKeyListItem[];
  /** Every member's keys: adds the owner column. */
  showOwner: boolean;
  viewerId: string | null;
  canRevokeOwn: boolean;
  canRevokeAll: boolean;
}

/** A table on wide screens, stacked cards on narrow ones (each rendering is hidden at the other size). */
export function KeysList({ slug, keys, showOwner, viewerId, canRevokeOwn, canRevokeAll }: KeysListProps) {
  const revoke = (apiKey: ApiKeyListItem) => {
    const mine = apiKey.owner.userId === viewerId;
    if (apiKey.status === "revoked" || !canRevokeOwn || (!mine && !canRevokeAll)) return null;
    return <RevokeKeyButton slug={slug} keyId={apiKey.id} name={apiKey.name} ownerName={mine ? null : apiKey.owner.name} />;
  };
  return (
    <>
      <div className="hidden md:block">
        <Table caption="API keys" captionHidden className="min-w-[56rem]">
          <THead>
            <TR>
              <TH>Name</TH>
              {showOwner && <TH>Owner</TH>}
              <TH>Created</TH>
              <TH>Last used</TH>
              <TH>Expires</TH>
              <TH>Status</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {keys.map((apiKey) => (
              <TR key={apiKey.id} className="[&>td]:align-top">
                <TD>
                  <KeyName apiKey={apiKey} />
                </TD>
                {showOwner && (
                  <TD>
                    <Owner apiKey={apiKey} mine={apiKey.owner.userId === viewerId} />
                  </TD>
                )}
                <TD>
                  <Time date={apiKey.createdAt} />
                </TD>
                <TD>
                  <LastUsed apiKey={apiKey} />
                </TD>
                <TD>
                  <Expiry apiKey={apiKey} />
                </TD>
                <TD>
                  <Status apiKey={apiKey} />
                </TD>
                <TD className="text-right">{revoke(apiKey)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </div>
      <ul className="grid gap-3 md:hidden" aria-label="API keys">
        {keys.map((apiKey) => (
          <li key={apiKey.id} className="grid gap-3 rounded-lg border border-border bg-surface p-4">
            <div className="flex items-start justify-between gap-3">
              <KeyName apiKey={apiKey} />
              <Status apiKey={apiKey} />
            </div>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              {showOwner && (
                <>
                  <dt className="text-muted-foreground">Owner</dt>
                  <dd className="min-w-0">
                    <Owner apiKey={apiKey} mine={apiKey.owner.userId === viewerId} />
                  </dd>
                </>
              )}
              <dt className="text-muted-foreground">Created</dt>
              <dd>
                <Time date={apiKey.createdAt} />
              </dd>
              <dt className="text-muted-foreground">Last used</dt>
              <dd>
                <LastUsed apiKey={apiKey} />
              </dd>
              <dt className="text-muted-foreground">Expires</dt>
              <dd>
                <Expiry apiKey={apiKey} />
              </dd>
            </dl>
            {revoke(apiKey) && <div className="flex justify-end">{revoke(apiKey)}</div>}
          </li>
        ))}
      </ul>
    </>
  );
}
