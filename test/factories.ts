import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import { accounts, memberships, users } from "../db/schema";
import { findAccountContext } from "../lib/authz/account-context";
import { sessionActor, type SessionAccountContext, type SessionActorContext } from "../lib/authz/member-actor";
import type { Role } from "../lib/authz/roles";
import { createUserSession } from "../lib/auth/user-sessions";
import { createPersonalSpace } from "../lib/users/personal-space";

export const noRequest = { ip: "203.0.113.9", userAgent: "vitest" };

export function uniqueEmail(prefix = "user") {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

export function uniqueSlug(prefix = "org") {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A user as the tests hold them: who they are and the session they signed in with. */
export interface TestUser {
  id: string;
  name: string;
  email: string;
  image: string | null;
  sessionId: string;
}

/** A verified user with a personal space and a live session. */
export async function createUser(overrides: { name?: string; email?: string; passwordHash?: string } = {}): Promise<TestUser> {
  const [user] = await db
    .insert(users)
    .values({ name: overrides.name ?? "Test User", email: overrides.email ?? uniqueEmail(), passwordHash: overrides.passwordHash, emailVerified: new Date() })
    .returning();
  await db.transaction((tx) => createPersonalSpace(tx, user!));
  const sessionId = await createUserSession(user!.id, noRequest);
  return { id: user!.id, name: user!.name, email: user!.email, image: null, sessionId };
}

export async function createOrganizationWith(
  members: Partial<Record<Role, TestUser>> | [TestUser, Role][],
  status: "active" | "suspended" = "active",
) {
  const [account] = await db.insert(accounts).values({ kind: "organization", name: "Test Org", slug: uniqueSlug(), status }).returning();
  const pairs = Array.isArray(members) ? members : Object.entries(members).map(([role, user]) => [user!, role as Role] as const);
  const rows = pairs.map(([user, role]) => ({ accountId: account!.id, userId: user.id, role }));
  if (rows.length) await db.insert(memberships).values(rows);
  return account!;
}

/** What the session resolver builds for this user signed in through this session: a member actor, channel "session". */
export function actorFor(user: TestUser, request = noRequest): SessionActorContext {
  return { actor: sessionActor(user, user.sessionId), request };
}

/** The context the session resolver builds for this user in this account (throws for non-members). */
export async function contextFor(user: TestUser, slug: string): Promise<SessionAccountContext> {
  const ctx = await findAccountContext(actorFor(user), slug);
  if (!ctx) throw new Error(`${user.email} is not a member of ${slug}`);
  return ctx;
}
