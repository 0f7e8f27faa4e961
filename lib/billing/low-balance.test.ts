import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { billingProfiles, mailOutbox } from "@/db/schema";
import { createOrganizationWith, createUser } from "@/test/factories";
import { accountBalanceMinor, appendLedgerEntry, lockAccountForBilling } from "./ledger";
import { crossesLowBalance, notifyIfBalanceLow, notifySuspended } from "./low-balance";

/** A debit the way the invoices engineer makes one: lock, read, append, compare. */
async function debit(accountId: string, amountMinor: number) {
  return db.transaction(async (tx) => {
    await lockAccountForBilling(tx, accountId);
    const previous = await accountBalanceMinor(accountId, tx);
    await appendLedgerEntry(tx, { accountId, kind: "invoice_payment", amountMinor: -amountMinor, currency: "EUR", description: "test debit" });
    return notifyIfBalanceLow(tx, accountId, previous, await accountBalanceMinor(accountId, tx));
  });
}

async function credit(accountId: string, amountMinor: number) {
  await appendLedgerEntry(db, { accountId, kind: "adjustment", amountMinor, currency: "EUR", description: "test credit" });
}

async function mailsTo(addresses: string[], subject: RegExp) {
  const rows = await db.select().from(mailOutbox).where(inArray(mailOutbox.to, addresses));
  return rows.filter((row) => subject.test(row.subject));
}

async function organizationWithEveryRole() {
  const [owner, admin, billing, developer, member] = await Promise.all([createUser(), createUser(), createUser(), createUser(), createUser()]);
  const organization = await createOrganizationWith({ owner, admin, billing, developer, member });
  return { organization, people: { owner, admin, billing, developer, member }, everyone: [owner, admin, billing, developer, member].map((u) => u.email) };
}

describe("crossesLowBalance", () => {
  it.each([
    [1000, 400, true],
    [500, 499, true],
    [500, 500, false],
    [499, 100, false],
    [400, -100, false],
    [1000, 600, false],
    [100, 2000, false],
  ])("%i → %i with a threshold of 500: %s", (previous, next, expected) => {
    expect(crossesLowBalance(previous, next, 500)).toBe(expected);
  });
});

describe("notifyIfBalanceLow", () => {
  it("mails members with billing rights and the billing email once, when a debit crosses the threshold", async () => {
    const { organization, people, everyone } = await organizationWithEveryRole();
    // Unique per run, so mail kept by earlier runs on the same database is not counted.
    const billingEmail = `Invoices-${organization.id.slice(0, 8)}@Acme.example`;
    await db.insert(billingProfiles).values({ accountId: organization.id, legalName: "Acme", addressLine1: "1 rue", postalCode: "75002", city: "Paris", country: "FR", billingEmail });
    await credit(organization.id, 2000);
    expect(await debit(organization.id, 1000)).toBe(false); // 20.00 → 10.00: still above 5.00
    expect(await debit(organization.id, 600)).toBe(true); // 10.00 → 4.00: crosses
    expect(await debit(organization.id, 100)).toBe(false); // 4.00 → 3.00: already low
    const mails = await mailsTo([...everyone, billingEmail.toLowerCase()], /Low credit balance/);
    expect(mails.map((m) => m.to).sort()).toEqual([people.owner.email, people.admin.email, people.billing.email, billingEmail].map((e) => e.toLowerCase()).sort());
    expect(mails.every((m) => m.status === "kept")).toBe(true);
    expect(mails[0]!.text).toContain("€4.00");
    expect(mails[0]!.text).toContain(`/${organization.slug}/billing`);

    // Topped up above the threshold, then down again: a new crossing, a new mail.
    await credit(organization.id, 1000);
    expect(await debit(organization.id, 1000)).toBe(true);
    expect(await mailsTo([people.billing.email], /Low credit balance/)).toHaveLength(2);
  });

  it("writes nothing when the debit's transaction rolls back", async () => {
    const { organization, people } = await organizationWithEveryRole();
    await credit(organization.id, 1000);
    await expect(
      db.transaction(async (tx) => {
        await notifyIfBalanceLow(tx, organization.id, 1000, 0);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await mailsTo([people.owner.email], /Low credit balance/)).toHaveLength(0);
  });
});

describe("notifySuspended", () => {
  it("mails the billing contacts, not developers or members", async () => {
    const { organization, people, everyone } = await organizationWithEveryRole();
    await db.transaction((tx) => notifySuspended(tx, organization.id, "invoice INV-2026-000042 could not be paid"));
    const mails = await mailsTo(everyone, new RegExp(`${organization.name} is suspended`));
    expect(mails.map((m) => m.to).sort()).toEqual([people.owner.email, people.admin.email, people.billing.email].sort());
    expect(mails[0]!.text).toContain("invoice INV-2026-000042 could not be paid");
    const [developerMail] = await db.select().from(mailOutbox).where(and(eq(mailOutbox.to, people.developer.email)));
    expect(developerMail).toBeUndefined();
  });
});
