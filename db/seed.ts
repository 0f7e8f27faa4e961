import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { accounts, memberships, users } from "./schema";
import { hashPassword } from "@/lib/passwords";
import type { Role } from "@/lib/authz/roles";

export const DEMO_PASSWORD = "demo-password-2026";

interface DemoUser {
  name: string;
  email: string;
  slug: string;
}

const people: DemoUser[] = [
  { name: "Alice Owner", email: "alice@example.com", slug: "alice" },
  { name: "Bob Admin", email: "bob@example.com", slug: "bob" },
  { name: "Carol Billing", email: "carol@example.com", slug: "carol" },
  { name: "Dave Developer", email: "dave@example.com", slug: "dave" },
  { name: "Erin Member", email: "erin@example.com", slug: "erin" },
];

const organizations: { name: string; slug: string; description: string; isCompany: boolean; status: "active" | "suspended"; extraMembers: number }[] = [
  { name: "Acme Corporation", slug: "acme", description: "A small team with every role.", isCompany: true, status: "active", extraMembers: 0 },
  { name: "Globex", slug: "globex", description: "A mid-sized organization.", isCompany: true, status: "active", extraMembers: 60 },
  { name: "Initech", slug: "initech", description: "A large organization with many members.", isCompany: true, status: "active", extraMembers: 1500 },
  { name: "Side Project", slug: "side-project", description: "A new organization, still suspended.", isCompany: false, status: "suspended", extraMembers: 0 },
];

const rolesInOrganizations: Record<string, Record<string, Role>> = {
  acme: { alice: "owner", bob: "admin", carol: "billing", dave: "developer", erin: "member" },
  globex: { bob: "owner", alice: "admin", carol: "billing" },
  initech: { alice: "owner", dave: "developer" },
  "side-project": { erin: "owner" },
};

/** Demo data: a few people, organizations of several sizes, every role. Safe to run twice. */
export async function seedDemoData(db: Database): Promise<{ created: boolean; people: DemoUser[] }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = 'alice@example.com'`);
  if (existing) return { created: false, people };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const userIds = new Map<string, string>();
    for (const person of people) {
      const [user] = await tx.insert(users).values({ name: person.name, email: person.email, passwordHash, emailVerified: new Date() }).returning();
      userIds.set(person.slug, user!.id);
      const [space] = await tx
        .insert(accounts)
        .values({ kind: "personal", name: person.name, slug: person.slug, status: "active", personalOwnerId: user!.id, createdById: user!.id })
        .returning();
      await tx.insert(memberships).values({ accountId: space!.id, userId: user!.id, role: "owner" });
    }
    for (const organization of organizations) {
      const roleBySlug = rolesInOrganizations[organization.slug]!;
      const creator = userIds.get(Object.keys(roleBySlug)[0]!)!;
      const [account] = await tx
        .insert(accounts)
        .values({ kind: "organization", name: organization.name, slug: organization.slug, description: organization.description, isCompany: organization.isCompany, status: organization.status, createdById: creator })
        .returning();
      await tx.insert(memberships).values(Object.entries(roleBySlug).map(([slug, role]) => ({ accountId: account!.id, userId: userIds.get(slug)!, role })));
      await addGeneratedMembers(tx, account!.id, organization.slug, organization.extraMembers, passwordHash);
    }
  });
  return { created: true, people };
}

const generatedRoles: Role[] = ["member", "member", "member", "developer", "developer", "billing", "admin"];

async function addGeneratedMembers(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], accountId: string, orgSlug: string, count: number, passwordHash: string) {
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => start + i + 1);
    const created = await tx
      .insert(users)
      .values(batch.map((n) => ({ name: `${orgSlug} member ${n}`, email: `${orgSlug}-member-${n}@example.com`, passwordHash, emailVerified: new Date() })))
      .returning({ id: users.id });
    const spaces = await tx
      .insert(accounts)
      .values(created.map((user, i) => ({ kind: "personal" as const, name: `${orgSlug} member ${batch[i]}`, slug: `${orgSlug}-member-${batch[i]}`, status: "active" as const, personalOwnerId: user.id, createdById: user.id })))
      .returning({ id: accounts.id, ownerId: accounts.personalOwnerId });
    await tx.insert(memberships).values(spaces.map((space) => ({ accountId: space.id, userId: space.ownerId!, role: "owner" as const })));
    await tx.insert(memberships).values(created.map((user, i) => ({ accountId, userId: user.id, role: generatedRoles[i % generatedRoles.length]! })));
  }
}
