import "server-only";
/** Helpers for the consumption tests (not imported by the app). */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { Account } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/actor";
import type { Role } from "@/lib/authz/roles";
import type { Scope } from "@/lib/authz/scopes";
import { noRequest } from "@/test/factories";

/** The context the platform-key resolver builds: the platform, acting on this account through a key with these scopes. */
export function platformContext(account: Account, scopes: Scope[] = ["usage:write"]): AccountContext {
  return {
    actor: { kind: "platform", channel: "platform_key", platformKey: { id: randomUUID(), name: "billing-agent" }, scopes },
    request: noRequest,
    account,
    accountKind: account.kind,
    role: null,
  };
}

/** A member acting through one of their API keys. */
export function memberKeyContext(account: Account, user: { id: string; email: string; name: string | null }, role: Role, readOnly: boolean): AccountContext {
  return {
    actor: { kind: "member", channel: "api_key", userId: user.id, email: user.email, name: user.name, apiKey: { id: randomUUID(), name: "ci", readOnly } },
    request: noRequest,
    account,
    accountKind: account.kind,
    role,
  };
}

export interface DailyRow extends Record<string, unknown> {
  metric_id: string;
  day: string;
  quantity: string;
  records: number;
}

/** usage_daily of an account, and the same computed from its raw records: they must always be equal. */
export async function dailyAndRaw(accountId: string): Promise<{ kept: DailyRow[]; raw: DailyRow[] }> {
  const kept = await db.execute<DailyRow>(sql`
    select metric_id, to_char(day, 'YYYY-MM-DD') as day, quantity::text as quantity, records
    from usage_daily where account_id = ${accountId} order by 1, 2`);
  const raw = await db.execute<DailyRow>(sql`
    select metric_id, to_char((recorded_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day, sum(quantity)::numeric(24, 6)::text as quantity, count(*)::int as records
    from usage_records where account_id = ${accountId} group by 1, 2 order by 1, 2`);
  return { kept: kept.rows, raw: raw.rows };
}
