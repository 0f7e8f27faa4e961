import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "./client";
import { accounts, auditEvents, couponRedemptions, coupons, memberships, usageRecords, users } from "./schema";
import { hashPassword } from "@/lib/passwords";
import type { Role } from "@/lib/authz/roles";
import { config } from "@/lib/config";
import { upsertMetric } from "@/lib/consumption/metrics";

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
  if (existing) {
    await seedConsumptionAndCoupons(db);
    return { created: false, people };
  }
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
      // A little history, so the audit log of the demo is not empty.
      const creatorEmail = people.find((person) => userIds.get(person.slug) === creator)!.email;
      await tx.insert(auditEvents).values([
        { accountId: account!.id, actorId: creator, actorEmail: creatorEmail, action: "organization.created", targetType: "account", targetId: account!.id, metadata: { name: organization.name, slug: organization.slug }, ip: "192.0.2.10", userAgent: "demo seed" },
        ...Object.entries(roleBySlug)
          .filter(([, role]) => role !== "owner")
          .map(([slug, role]) => ({ accountId: account!.id, actorId: creator, actorEmail: creatorEmail, action: "member.invited", targetType: "invitation", metadata: { email: people.find((p) => p.slug === slug)!.email, role }, ip: "192.0.2.10", userAgent: "demo seed" })),
      ]);
      await addGeneratedMembers(tx, account!.id, organization.slug, organization.extraMembers, passwordHash);
    }
  });
  await seedConsumptionAndCoupons(db);
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

/** The metrics catalog: unit prices in millionths of the currency unit (21000 = 0.021 per unit). */
const demoMetrics = [
  { id: "compute.vcpu-hours", name: "Compute", unit: "vCPU·h", unitPriceMicros: 21_000 },
  { id: "memory.gb-hours", name: "Memory", unit: "GB·h", unitPriceMicros: 2_500 },
  { id: "storage.gb-days", name: "Block storage", unit: "GB·day", unitPriceMicros: 3_300 },
  { id: "network.egress-gb", name: "Outbound traffic", unit: "GB", unitPriceMicros: 10_000 },
  { id: "api.requests", name: "API requests", unit: "request", unitPriceMicros: 2 },
];

/** Typical daily quantity of each metric per demo account; the seed varies it by day. */
const demoDailyUsage: Record<string, Record<string, number>> = {
  acme: { "compute.vcpu-hours": 96, "memory.gb-hours": 384, "storage.gb-days": 500, "network.egress-gb": 42, "api.requests": 180_000 },
  globex: { "compute.vcpu-hours": 480, "memory.gb-hours": 1_920, "storage.gb-days": 4_000, "network.egress-gb": 310, "api.requests": 2_400_000 },
  initech: { "compute.vcpu-hours": 1_200, "memory.gb-hours": 4_800, "storage.gb-days": 12_000, "network.egress-gb": 900 },
  alice: { "compute.vcpu-hours": 12, "storage.gb-days": 20, "api.requests": 5_000 },
};

/**
 * The metrics catalog, usage for some demo accounts from the first day of the previous UTC month up
 * to now, and a few coupons. Safe to run again: metrics are upserted, usage carries idempotency keys
 * (one record per account, metric and day), coupons and the demo redemption are inserted once.
 */
async function seedConsumptionAndCoupons(db: Database, now = new Date()) {
  await db.transaction(async (tx) => {
    for (const metric of demoMetrics) await upsertMetric(metric, tx);
    const seeded = await tx.select({ id: accounts.id, slug: accounts.slug }).from(accounts).where(inArray(accounts.slug, Object.keys(demoDailyUsage)));
    const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
    const rows: (typeof usageRecords.$inferInsert)[] = [];
    for (const account of seeded) {
      for (const [metricId, typical] of Object.entries(demoDailyUsage[account.slug]!)) {
        for (let day = from, n = 0; day <= now.getTime(); day += 86_400_000, n++) {
          const weekday = new Date(day).getUTCDay();
          // A deterministic wave with quieter weekends, in thousandths so the quantity is an exact decimal.
          const factor = (1 + 0.35 * Math.sin(n / 3 + metricId.length)) * (weekday === 0 || weekday === 6 ? 0.55 : 1);
          const thousandths = Math.max(1, Math.round(typical * factor * 1000));
          rows.push({
            accountId: account.id,
            metricId,
            quantity: `${Math.trunc(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, "0")}`,
            recordedAt: new Date(Math.min(day + 12 * 3_600_000, now.getTime())),
            idempotencyKey: `demo:${metricId}:${new Date(day).toISOString().slice(0, 10)}`,
          });
        }
      }
    }
    for (let start = 0; start < rows.length; start += 1000) await tx.insert(usageRecords).values(rows.slice(start, start + 1000)).onConflictDoNothing();

    const currency = config().CURRENCY;
    await tx
      .insert(coupons)
      .values([
        { code: "WELCOME10", kind: "credit", amountMinor: 1000, currency, maxRedemptions: 1000 },
        { code: "LAUNCH20", kind: "percent", percentOff: 20, invoiceCount: 3, expiresAt: new Date(Date.UTC(now.getUTCFullYear() + 2, 0, 1)) },
        { code: "SPRING5", kind: "credit", amountMinor: 500, currency, expiresAt: new Date("2025-04-01T00:00:00Z") },
      ])
      .onConflictDoNothing();
    // Acme has redeemed the launch discount: the billing page lists it and the next invoices apply it.
    const acme = seeded.find((account) => account.slug === "acme");
    const [launch] = await tx.select().from(coupons).where(sql`upper(${coupons.code}) = 'LAUNCH20'`);
    if (acme && launch?.kind === "percent") {
      const [redeemed] = await tx
        .insert(couponRedemptions)
        .values({ couponId: launch.id, accountId: acme.id, invoicesRemaining: launch.invoiceCount! })
        .onConflictDoNothing()
        .returning({ id: couponRedemptions.id });
      if (redeemed) await tx.update(coupons).set({ redemptionCount: sql`${coupons.redemptionCount} + 1` }).where(eq(coupons.id, launch.id));
    }
  });
}
