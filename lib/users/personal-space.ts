import "server-only";
import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accounts, memberships } from "@/db/schema";
import { reservedSlugs, slugify } from "@/lib/accounts/slugs";

async function freePersonalSlug(tx: Executor, name: string, email: string): Promise<string> {
  let base = slugify(name) || slugify(email.split("@")[0] ?? "") || "user";
  if (base.length < 2 || reservedSlugs.has(base)) base = `${base}-space`.replace(/^-/, "");
  const candidates = [base, ...Array.from({ length: 4 }, () => `${base.slice(0, 40)}-${randomBytes(3).toString("hex")}`)];
  const taken = await tx.select({ slug: accounts.slug }).from(accounts).where(inArray(accounts.slug, candidates));
  const takenSet = new Set(taken.map((row) => row.slug));
  return candidates.find((slug) => !takenSet.has(slug)) ?? `${base.slice(0, 30)}-${randomBytes(8).toString("hex")}`;
}

/** Every user has exactly one personal space, created with the user (the unique index enforces it). */
export async function createPersonalSpace(tx: Executor, user: { id: string; name: string; email: string }) {
  const [space] = await tx
    .insert(accounts)
    .values({
      kind: "personal",
      name: user.name,
      slug: await freePersonalSlug(tx, user.name, user.email),
      status: "active",
      personalOwnerId: user.id,
      createdById: user.id,
    })
    .returning();
  await tx.insert(memberships).values({ accountId: space!.id, userId: user.id, role: "owner" });
  return space!;
}

/** The id of the user's personal space, where their own audit trail lives. */
export async function personalSpaceId(executor: Executor, userId: string): Promise<string | undefined> {
  const [space] = await executor.select({ id: accounts.id }).from(accounts).where(eq(accounts.personalOwnerId, userId));
  return space?.id;
}
