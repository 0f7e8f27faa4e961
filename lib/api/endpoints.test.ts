import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents, invitations, invoices, memberships, users } from "@/db/schema";
import { addCredits } from "@/lib/invoices/test-support";
import { createOrganizationWith, createUser } from "@/test/factories";
import { call, createApiWorld, createMemberKey, createPlatformKey } from "./test-support";

describe("GET /accounts/{slug}", () => {
  it("gives name, slug, kind, status, balance and estimate to who may see billing", async () => {
    const world = await createApiWorld();
    await addCredits(world.account.id, 2500);
    const asOwner = await call("GET", `/api/v1/accounts/${world.account.slug}`, { token: world.keys.owner.token });
    expect(asOwner.status).toBe(200);
    expect(asOwner.body).toMatchObject({
      id: world.account.id,
      slug: world.account.slug,
      kind: "organization",
      status: "active",
      statusReason: null,
      balance: { amountMinor: 2500, currency: "EUR" },
      monthToDateEstimate: { month: new Date().toISOString().slice(0, 7), amountMinor: 0, currency: "EUR" },
    });
    const asDeveloper = await call("GET", `/api/v1/accounts/${world.account.slug}`, { token: world.keys.developer.token });
    expect(asDeveloper.body).toMatchObject({ slug: world.account.slug, balance: null, monthToDateEstimate: null });
    const platform = await createPlatformKey(["accounts:read"]);
    const asPlatform = await call("GET", `/api/v1/accounts/${world.account.slug}`, { token: platform.token });
    expect(asPlatform.body.balance).toEqual({ amountMinor: 2500, currency: "EUR" });
    expect(asPlatform.body.monthToDateEstimate.amountMinor).toBe(0);
  });

  it("says why an account is suspended", async () => {
    const owner = await createUser();
    const waiting = await createOrganizationWith({ owner }, "suspended");
    const key = await createMemberKey(owner, waiting);
    expect((await call("GET", `/api/v1/accounts/${waiting.slug}`, { token: key.token })).body.statusReason).toMatchObject({ code: "awaiting_first_payment", invoiceNumber: null });
    const world = await createApiWorld();
    await db.update(accounts).set({ status: "suspended" }).where(eq(accounts.id, world.account.id));
    await db.update(invoices).set({ status: "failed" }).where(eq(invoices.id, world.invoice.id));
    const unpaid = await call("GET", `/api/v1/accounts/${world.account.slug}`, { token: world.keys.member.token });
    expect(unpaid.body).toMatchObject({ status: "suspended", statusReason: { code: "unpaid_invoice", invoiceNumber: world.invoice.number } });
  });

  it("serves a platform key any account, personal spaces included", async () => {
    const user = await createUser();
    const [space] = await db.select().from(accounts).where(eq(accounts.personalOwnerId, user.id));
    const platform = await createPlatformKey(["accounts:read"]);
    const response = await call("GET", `/api/v1/accounts/${space!.slug}`, { token: platform.token });
    expect(response.body).toMatchObject({ kind: "personal", slug: space!.slug });
  });
});

describe("GET /accounts/{slug}/members", () => {
  async function bigOrganization(count: number) {
    const owner = await createUser({ name: "Zed Owner" });
    const account = await createOrganizationWith({ owner });
    const rows = await db
      .insert(users)
      .values(Array.from({ length: count }, (_, i) => ({ name: i % 2 ? `Alice ${i}` : `Bob ${i}`, email: `m${i}-${randomUUID().slice(0, 6)}@example.test` })))
      .returning({ id: users.id });
    // Several members joined in the same instant: the keyset must still give each exactly once.
    await db.insert(memberships).values(rows.map((row, i) => ({ accountId: account.id, userId: row.id, role: i % 3 ? ("member" as const) : ("developer" as const), createdAt: new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 4))) })));
    return { owner, account, key: await createMemberKey(owner, account), ids: rows.map((row) => row.id) };
  }

  it("pages through every member exactly once, newest first, with nextCursor", async () => {
    const { account, key, ids, owner } = await bigOrganization(45);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=10&cursor=${encodeURIComponent(cursor)}` : "?limit=10";
      const response = await call("GET", `/api/v1/accounts/${account.slug}/members${query}`, { token: key.token });
      expect(response.status).toBe(200);
      expect(response.body.data.length).toBeLessThanOrEqual(10);
      seen.push(...response.body.data.map((member: { userId: string }) => member.userId));
      cursor = response.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen.sort()).toEqual([...ids, owner.id].sort());
  });

  it("filters by search and role, and defaults to 20", async () => {
    const { account, key } = await bigOrganization(30);
    const alices = await call("GET", `/api/v1/accounts/${account.slug}/members?q=alice&limit=100`, { token: key.token });
    expect(alices.body.data).toHaveLength(15);
    expect(alices.body.data.every((member: { name: string }) => member.name.startsWith("Alice"))).toBe(true);
    const developers = await call("GET", `/api/v1/accounts/${account.slug}/members?role=developer&limit=100`, { token: key.token });
    expect(developers.body.data).toHaveLength(10);
    const percent = await call("GET", `/api/v1/accounts/${account.slug}/members?q=${encodeURIComponent("%")}`, { token: key.token });
    expect(percent.body.data).toEqual([]);
    const first = await call("GET", `/api/v1/accounts/${account.slug}/members`, { token: key.token });
    expect(first.body.data).toHaveLength(20);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["role=king", "role"],
    [`q=${"x".repeat(101)}`, "q"],
    ["q=a%00b", "q"],
    ["cursor=garbage", "cursor"],
    [`cursor=${Buffer.from(JSON.stringify(["invoices", "2026-01-01 00:00:00+00", randomUUID()])).toString("base64url")}`, "cursor"],
  ])("refuses ?%s with a 422 on %s", async (query, field) => {
    const world = await createApiWorld();
    const response = await call("GET", `/api/v1/accounts/${world.account.slug}/members?${query}`, { token: world.keys.owner.token });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].path).toEqual([field]);
  });

  it("is for organizations: a personal space has no member list", async () => {
    const user = await createUser();
    const [space] = await db.select().from(accounts).where(eq(accounts.personalOwnerId, user.id));
    const key = await createMemberKey(user, space!);
    expect((await call("GET", `/api/v1/accounts/${space!.slug}/members`, { token: key.token })).status).toBe(403);
  });
});

describe("members: change role and remove", () => {
  it("changes a role through the screen's rules, audited as the key", async () => {
    const world = await createApiWorld();
    const path = `/api/v1/accounts/${world.account.slug}/members/${world.target.id}`;
    const response = await call("PATCH", path, { token: world.keys.admin.token, body: { role: "billing" } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ userId: world.target.id, role: "billing" });
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, world.account.id), eq(auditEvents.action, "member.role_changed")));
    expect(event).toMatchObject({ actorId: world.people.admin.id, actorChannel: "api_key", actorCredentialId: world.keys.admin.id, actorLabel: "admin-key" });
  });

  it("refuses what the screen refuses, with the rule's code", async () => {
    const world = await createApiWorld();
    const members = `/api/v1/accounts/${world.account.slug}/members`;
    const own = await call("PATCH", `${members}/${world.people.admin.id}`, { token: world.keys.admin.token, body: { role: "member" } });
    expect(own.status).toBe(422);
    expect(JSON.stringify(own.body)).toContain("own_role");
    const owner = await call("PATCH", `${members}/${world.people.owner.id}`, { token: world.keys.admin.token, body: { role: "member" } });
    expect(owner.status).toBe(403);
    const last = await call("DELETE", `${members}/${world.people.owner.id}`, { token: world.keys.owner.token });
    expect(last.status).toBeGreaterThanOrEqual(400);
    expect(last.status).toBeLessThan(500);
    expect((await call("PATCH", `${members}/${randomUUID()}`, { token: world.keys.owner.token, body: { role: "member" } })).body.code).toBe("member_not_found");
    expect((await call("PATCH", `${members}/not-a-uuid`, { token: world.keys.owner.token, body: { role: "member" } })).status).toBe(404);
  });

  it.each([
    [{ role: "emperor" }, ["role"]],
    [{}, ["role"]],
    [{ role: 3 }, ["role"]],
  ])("refuses the body %j with a 422", async (body, path) => {
    const world = await createApiWorld();
    const response = await call("PATCH", `/api/v1/accounts/${world.account.slug}/members/${world.target.id}`, { token: world.keys.owner.token, body });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].path).toEqual(path);
  });

  it("removes a member: their key is dead on its next call", async () => {
    const world = await createApiWorld();
    const targetKey = await createMemberKey(world.target, world.account);
    expect((await call("GET", "/api/v1/me", { token: targetKey.token })).status).toBe(200);
    const removed = await call("DELETE", `/api/v1/accounts/${world.account.slug}/members/${world.target.id}`, { token: world.keys.owner.token });
    expect(removed.status).toBe(204);
    expect(removed.text).toBe("");
    expect((await call("GET", "/api/v1/me", { token: targetKey.token, ip: "198.51.100.200" })).status).toBe(401);
    expect((await call("GET", `/api/v1/accounts/${world.account.slug}/members/${world.target.id}`, { token: world.keys.owner.token })).status).toBe(404);
  });
});

describe("invitations", () => {
  it("lists open invitations with their state, and pages", async () => {
    const world = await createApiWorld();
    const response = await call("GET", `/api/v1/accounts/${world.account.slug}/invitations?limit=1`, { token: world.keys.member.token });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([expect.objectContaining({ id: world.invitation.id, email: world.invitation.email, status: "pending", invitedBy: "The owner" })]);
    expect(response.body.nextCursor).toBeNull();
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, world.invitation.id));
    expect((await call("GET", `/api/v1/accounts/${world.account.slug}/invitations`, { token: world.keys.member.token })).body.data[0].status).toBe("expired");
  });

  it("invites up to 10 addresses, with one result per address", async () => {
    const world = await createApiWorld();
    const fresh = `fresh-${randomUUID().slice(0, 8)}@example.test`;
    const response = await call("POST", `/api/v1/accounts/${world.account.slug}/invitations`, {
      token: world.keys.admin.token,
      body: { emails: [fresh, "not an address", fresh, world.people.member.email, world.invitation.email], role: "developer" },
    });
    expect(response.status).toBe(200);
    expect(response.body.results.map((result: { invited: boolean; code: string | null }) => [result.invited, result.code])).toEqual([
      [true, null],
      [false, "invalid_email"],
      [false, "duplicate_email"],
      [false, "already_member"],
      [false, "already_invited"],
    ]);
    const [created] = await db.select().from(invitations).where(and(eq(invitations.accountId, world.account.id), eq(invitations.email, fresh)));
    expect(created).toMatchObject({ role: "developer", invitedById: world.people.admin.id });
    expect(response.body.results.map((result: { invitationId: string | null }) => result.invitationId)).toEqual([created!.id, null, null, null, null]);
  });

  it.each([
    [{ emails: [], role: "member" }, "emails"],
    [{ emails: Array.from({ length: 11 }, (_, i) => `a${i}@example.test`), role: "member" }, "emails"],
    [{ emails: "a@example.test", role: "member" }, "emails"],
    [{ emails: ["a@example.test"], role: "owner-ish" }, "role"],
  ])("refuses %j with a 422", async (body, field) => {
    const world = await createApiWorld();
    const response = await call("POST", `/api/v1/accounts/${world.account.slug}/invitations`, { token: world.keys.owner.token, body });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].path[0]).toBe(field);
  });

  it("refuses to invite as owner, or above one's own role", async () => {
    const world = await createApiWorld();
    const response = await call("POST", `/api/v1/accounts/${world.account.slug}/invitations`, { token: world.keys.admin.token, body: { emails: ["x@example.test"], role: "owner" } });
    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).toContain("role_not_grantable");
  });

  it("resends (a new expiry, one more send) and revokes", async () => {
    const world = await createApiWorld();
    const base = `/api/v1/accounts/${world.account.slug}/invitations/${world.invitation.id}`;
    const resent = await call("POST", `${base}/resend`, { token: world.keys.owner.token });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: world.invitation.id, sendCount: 2, status: "pending" });
    expect((await call("DELETE", base, { token: world.keys.owner.token })).status).toBe(204);
    const again = await call("DELETE", base, { token: world.keys.owner.token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("invitation_not_pending");
    expect((await call("POST", `${base}/resend`, { token: world.keys.owner.token })).status).toBe(409);
  });
});

describe("invoices", () => {
  it("lists, shows one with its lines, and gives its PDF", async () => {
    const world = await createApiWorld();
    const list = await call("GET", `/api/v1/accounts/${world.account.slug}/invoices`, { token: world.keys.billing.token });
    expect(list.body).toEqual({ data: [expect.objectContaining({ number: world.invoice.number, status: "open", totalMinor: 4200, currency: "EUR" })], nextCursor: null });
    const one = await call("GET", `/api/v1/accounts/${world.account.slug}/invoices/${world.invoice.number}`, { token: world.keys.billing.token });
    expect(one.body).toMatchObject({ number: world.invoice.number, subtotalMinor: 4200, lines: [{ description: "Compute", quantity: "1.000000", amountMinor: 4200 }], payments: [] });
    const pdf = await call("GET", `/api/v1/accounts/${world.account.slug}/invoices/${world.invoice.number}/pdf`, { token: world.keys.billing.token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="${world.invoice.number}.pdf"`);
    expect(pdf.text.startsWith("%PDF-")).toBe(true);
    expect(pdf.headers.get("ratelimit-limit")).not.toBeNull();
  });

  it("answers 404 for an unknown or malformed number", async () => {
    const world = await createApiWorld();
    for (const number of ["INV-2026-999999999", "nope", "INV-2026-00004%2F..%2F"]) {
      const response = await call("GET", `/api/v1/accounts/${world.account.slug}/invoices/${number}`, { token: world.keys.owner.token });
      expect(response.status, number).toBe(404);
    }
  });

  it("pages newest first", async () => {
    const world = await createApiWorld();
    const { issueTestInvoice } = await import("@/lib/invoices/test-support");
    for (let i = 0; i < 4; i++) await issueTestInvoice(world.account.id, 100 + i);
    const first = await call("GET", `/api/v1/accounts/${world.account.slug}/invoices?limit=3`, { token: world.keys.owner.token });
    expect(first.body.data).toHaveLength(3);
    const second = await call("GET", `/api/v1/accounts/${world.account.slug}/invoices?limit=3&cursor=${first.body.nextCursor}`, { token: world.keys.owner.token });
    expect(second.body.data).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.data, ...second.body.data].map((invoice: { issuedAt: string }) => invoice.issuedAt);
    expect([...all].sort().reverse()).toEqual(all);
  });
});

describe("audit events", () => {
  it("lists newest first with the screen's filters and a cursor, naming the channel", async () => {
    const world = await createApiWorld();
    await call("PATCH", `/api/v1/accounts/${world.account.slug}/members/${world.target.id}`, { token: world.keys.owner.token, body: { role: "developer" } });
    await call("DELETE", `/api/v1/accounts/${world.account.slug}/invitations/${world.invitation.id}`, { token: world.keys.admin.token });
    const base = `/api/v1/accounts/${world.account.slug}/audit-events`;
    const all = await call("GET", base, { token: world.keys.owner.token });
    expect(all.status).toBe(200);
    expect(all.body.data.map((event: { action: string }) => event.action)).toEqual(["invitation.revoked", "member.role_changed"]);
    expect(all.body.data[1]).toMatchObject({ actor: { userId: world.people.owner.id, channel: "api_key", credentialId: world.keys.owner.id, label: "owner-key" }, target: { type: "user", id: world.target.id } });
    const byAction = await call("GET", `${base}?action=member.role_changed`, { token: world.keys.owner.token });
    expect(byAction.body.data).toHaveLength(1);
    const byActor = await call("GET", `${base}?actor=${encodeURIComponent(world.people.admin.email.slice(0, 8))}`, { token: world.keys.owner.token });
    expect(byActor.body.data.map((event: { action: string }) => event.action)).toEqual(["invitation.revoked"]);
    expect((await call("GET", `${base}?channel=api_key`, { token: world.keys.owner.token })).body.data).toHaveLength(2);
    expect((await call("GET", `${base}?channel=session`, { token: world.keys.owner.token })).body.data).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await call("GET", `${base}?from=${today}&to=${today}`, { token: world.keys.owner.token })).body.data).toHaveLength(2);
    expect((await call("GET", `${base}?to=2000-01-01`, { token: world.keys.owner.token })).body.data).toHaveLength(0);
    const page = await call("GET", `${base}?limit=1`, { token: world.keys.owner.token });
    const next = await call("GET", `${base}?limit=1&cursor=${page.body.nextCursor}`, { token: world.keys.owner.token });
    expect(next.body.data[0].action).toBe("member.role_changed");
    expect(next.body.nextCursor).toBeNull();
  });

  it.each([
    ["from=2026-02-30", "from"],
    ["from=2026-02-03&to=2026-02-01", "to"],
    ["action=DROP%20TABLE", "action"],
    ["actor=a%00b", "actor"],
    ["channel=fax", "channel"],
  ])("refuses ?%s with a 422 on %s", async (query, field) => {
    const world = await createApiWorld();
    const response = await call("GET", `/api/v1/accounts/${world.account.slug}/audit-events?${query}`, { token: world.keys.owner.token });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].path).toEqual([field]);
  });

  it("a cursor from another account matches nothing", async () => {
    const world = await createApiWorld();
    await call("DELETE", `/api/v1/accounts/${world.other.account.slug}/invitations/${world.other.invitation.id}`, { token: world.other.key.token });
    await call("DELETE", `/api/v1/accounts/${world.account.slug}/invitations/${world.invitation.id}`, { token: world.keys.owner.token });
    const [foreign] = await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.accountId, world.other.account.id));
    const cursor = Buffer.from(JSON.stringify(["audit-events", foreign!.id])).toString("base64url");
    const response = await call("GET", `/api/v1/accounts/${world.account.slug}/audit-events?cursor=${cursor}`, { token: world.keys.owner.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: [], nextCursor: null });
  });
});
