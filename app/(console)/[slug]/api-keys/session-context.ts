import "server-only";
import type { AccountContext as SessionAccountContext } from "@/lib/authz/account-context";
import type { MemberAccountContext } from "@/lib/authz/actor";
import type { RequestInfo } from "@/lib/request-info";

/**
 * The transport-neutral context (actor + request) the API-key module takes, built from the session
 * context the console resolves today. Goes away when the session resolver returns it directly.
 */
export function sessionMemberContext(ctx: SessionAccountContext, request: RequestInfo): MemberAccountContext {
  return {
    actor: { kind: "member", channel: "session", userId: ctx.user.id, email: ctx.user.email, name: ctx.user.name, sessionId: ctx.user.sessionId },
    request,
    account: ctx.account,
    accountKind: ctx.accountKind,
    role: ctx.role,
  };
}
