import type { Account, AccountKind } from "@/db/schema";
import type { RequestInfo } from "@/lib/request-info";
import type { Role } from "./roles";
import type { Scope } from "./scopes";

/** How a request reached the console; the audit log records it with every event. */
export type Channel = "session" | "api_key" | "platform_key" | "job";

/** A person, in a browser (session) or through one of their own API keys. */
export interface MemberActor {
  kind: "member";
  channel: "session" | "api_key";
  userId: string;
  email: string;
  name: string | null;
  /** The browser session, for channel "session". */
  sessionId?: string;
  /** The key, for channel "api_key": a read-only key may only do what a `read` permission allows. */
  apiKey?: { id: string; name: string; readOnly: boolean };
}

/** The platform the console sits in front of, through an operator-made platform key with scopes. */
export interface PlatformActor {
  kind: "platform";
  channel: "platform_key";
  platformKey: { id: string; name: string };
  scopes: readonly Scope[];
}

/** The console itself: a job such as the monthly billing run. */
export interface SystemActor {
  kind: "system";
  channel: "job";
  /** Stable job name ("monthly-billing-run"); the audit log shows `label`. */
  job: string;
  label: string;
}

export type Actor = MemberActor | PlatformActor | SystemActor;

/** Who is asking and from where, before any account is involved (sign-up, profile, creating an organization). */
export interface ActorContext {
  actor: Actor;
  request: RequestInfo;
}

/**
 * The trusted answer to "who is asking, in which account, with what right", read from the database
 * on every request, whatever the transport. `role` is the member's current role; null for the
 * platform and the system, which act through scopes and trust instead.
 */
export interface AccountContext extends ActorContext {
  account: Account;
  accountKind: AccountKind;
  role: Role | null;
}

export interface MemberAccountContext extends AccountContext {
  actor: MemberActor;
  role: Role;
}

export function isMemberContext(ctx: AccountContext): ctx is MemberAccountContext {
  return ctx.actor.kind === "member" && ctx.role !== null;
}
