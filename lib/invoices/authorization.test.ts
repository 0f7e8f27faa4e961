import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { invoices } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { roles, type Role } from "@/lib/authz/roles";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { collectInvoicePayment } from "./collect";
import { payInvoiceNow } from "./pay-now";
import { invoicePdfDownload } from "./pdf";
import { findInvoice, listInvoices } from "./queries";
import { addCard, dropPaymentJobs, issueTestInvoice } from "./test-support";

const touched: string[] = [];
afterAll(async () => dropPaymentJobs(touched));

/** Who may do what with invoices: product.md's matrix (billing.view / billing.manage), written out again here. */
const allowed: Record<Role, boolean> = { owner: true, admin: true, billing: true, developer: false, member: false };

async function organizationWithFailedInvoice() {
  const owner = await createUser();
  const members = Object.fromEntries(await Promise.all(roles.filter((r) => r !== "owner").map(async (role) => [role, await createUser()]))) as Record<Exclude<Role, "owner">, Awaited<ReturnType<typeof createUser>>>;
  const organization = await createOrganizationWith({ owner, ...members });
  await addCard(await contextFor(owner, organization.slug), "4000000000000002");
  const invoice = await issueTestInvoice(organization.id, 1200);
  touched.push(invoice.id);
  await collectInvoicePayment(invoice.id); // declined: failed, payable now
  return { organization, users: { owner, ...members } as Record<Role, typeof owner>, invoice };
}

describe("invoice authorization", () => {
  for (const role of roles) {
    it(`${allowed[role] ? "lets" : "refuses"} a ${role} to list, open, download and pay`, async () => {
      const { organization, users, invoice } = await organizationWithFailedInvoice();
      const ctx = await contextFor(users[role], organization.slug);
      if (allowed[role]) {
        expect((await listInvoices(ctx, 1)).rows.map((row) => row.number)).toEqual([invoice.number]);
        expect((await findInvoice(ctx, invoice.number))?.invoice.id).toBe(invoice.id);
        expect((await invoicePdfDownload(ctx, invoice.number))?.filename).toBe(`${invoice.number}.pdf`);
        // Still declined, but the attempt was made.
        expect(await payInvoiceNow(ctx, invoice.number)).toMatchObject({ status: "failed", attempts: 2 });
      } else {
        await expect(listInvoices(ctx, 1)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(findInvoice(ctx, invoice.number)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(invoicePdfDownload(ctx, invoice.number)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(payInvoiceNow(ctx, invoice.number)).rejects.toBeInstanceOf(ForbiddenError);
        const [unchanged] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
        expect(unchanged?.paymentAttempts).toBe(1);
      }
    });
  }

  it("treats another organization's invoice number as unknown everywhere, and changes nothing", async () => {
    const theirs = await organizationWithFailedInvoice();
    const owner = await createUser();
    const mine = await createOrganizationWith({ owner });
    const ctx = await contextFor(owner, mine.slug);
    expect((await listInvoices(ctx, 1)).rows).toEqual([]);
    expect(await findInvoice(ctx, theirs.invoice.number)).toBeNull();
    expect(await invoicePdfDownload(ctx, theirs.invoice.number)).toBeNull();
    await expect(payInvoiceNow(ctx, theirs.invoice.number)).rejects.toThrow(/does not exist/);
    const [unchanged] = await db.select().from(invoices).where(eq(invoices.id, theirs.invoice.id));
    expect(unchanged?.paymentAttempts).toBe(1);
    // Malformed numbers are simply unknown too.
    expect(await findInvoice(ctx, "../../etc/passwd")).toBeNull();
  });

  it("lets the owner of a personal space see its invoices", async () => {
    const user = await createUser();
    const [space] = await db.query.accounts.findMany({ where: (a, { eq: equals }) => equals(a.personalOwnerId, user.id) });
    const invoice = await issueTestInvoice(space!.id, 100);
    const ctx = await contextFor(user, space!.slug);
    expect((await listInvoices(ctx, 1)).rows.map((r) => r.id)).toEqual([invoice.id]);
  });

  it("paginates newest first", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const ids = [];
    for (let i = 0; i < 23; i++) ids.push((await issueTestInvoice(organization.id, 100 + i)).id);
    const ctx = await contextFor(owner, organization.slug);
    const first = await listInvoices(ctx, 1);
    const second = await listInvoices(ctx, 2);
    expect(first).toMatchObject({ total: 23, pageCount: 2 });
    expect(first.rows).toHaveLength(20);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(ids.reverse());
    expect(await listInvoices(ctx, 9)).toMatchObject({ rows: [], total: 23, pageCount: 2 });
  });
});
