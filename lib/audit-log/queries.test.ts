import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { roles, type Role } from "@/lib/authz/roles";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { auditLogCsvStream } from "./export";
import { parseAuditLogQuery, type AuditLogFilters } from "./filters";
import { auditLogPageSize, listAuditActions, listAuditEvents } from "./queries";

type NewEvent = Partial<typeof auditEvents.$inferInsert>;

async function insertEvents(accountId: string, events: NewEvent[]) {
  return db
    .insert(auditEvents)
    .values(events.map((e) => ({ action: "test.happened", targetType: "test", ...e, accountId })))
    .returning();
}

async function adminOfNewOrganization() {
  const admin = await createUser();
  const organization = await createOrganizationWith({ admin });
  return { organization, ctx: await contextFor(admin, organization.slug) };
}

const ids = (events: { id: number }[]) => events.map((e) => e.id);

describe("who may read the audit log", () => {
  const allowed: Role[] = ["owner", "admin"];
  for (const role of roles) {
    it(`${allowed.includes(role) ? "lets" : "refuses"} a ${role}`, async () => {
      const user = await createUser();
      const organization = await createOrganizationWith({ [role]: user });
      await insertEvents(organization.id, [{ action: "organization.updated" }]);
      const ctx = await contextFor(user, organization.slug);
      if (allowed.includes(role)) {
        expect((await listAuditEvents(ctx, {})).events).toHaveLength(1);
        expect(await listAuditActions(ctx)).toEqual(["organization.updated"]);
        expect(() => auditLogCsvStream(ctx, {})).not.toThrow();
      } else {
        await expect(listAuditEvents(ctx, {})).rejects.toBeInstanceOf(ForbiddenError);
        await expect(listAuditActions(ctx)).rejects.toBeInstanceOf(ForbiddenError);
        expect(() => auditLogCsvStream(ctx, {})).toThrow(ForbiddenError);
      }
    });
  }

  it("lets the owner of a personal space read its log", async () => {
    const user = await createUser();
    const [space] = await db.select().from(accounts).where(eq(accounts.personalOwnerId, user.id));
    await insertEvents(space!.id, [{ action: "user.signed_in", actorId: user.id, actorEmail: user.email }]);
    const { events } = await listAuditEvents(await contextFor(user, space!.slug), {});
    expect(events.map((e) => e.action)).toEqual(["user.signed_in"]);
  });
});

describe("listAuditEvents filters", () => {
  it("matches the actor's email exactly or by its beginning, whatever the case, with % and _ taken literally", async () => {
    const { organization, ctx } = await adminOfNewOrganization();
    await insertEvents(organization.id, [
      { actorEmail: "Alice@Example.test" },
      { actorEmail: "alicia@example.test" },
      { actorEmail: "bob@example.test" },
      { actorEmail: "a_b%c@example.test" },
      { actorEmail: null },
    ]);
    const actors = async (actor: string) => (await listAuditEvents(ctx, { actor })).events.map((e) => e.actorEmail).sort();
    expect(await actors("alice@example.test")).toEqual(["Alice@Example.test"]);
    expect(await actors("ali")).toEqual(["Alice@Example.test", "alicia@example.test"]);
    expect(await actors("a_")).toEqual(["a_b%c@example.test"]);
    expect(await actors("a_b%")).toEqual(["a_b%c@example.test"]);
    expect(await actors("%")).toEqual([]);
    expect(await actors("carol")).toEqual([]);
  });

  it("filters by channel, counting events from before channels were recorded as the console or its jobs", async () => {
    const { organization, ctx } = await adminOfNewOrganization();
    await insertEvents(organization.id, [
      { targetId: "session", actorEmail: "a@example.test", actorChannel: "session" },
      { targetId: "old-person", actorEmail: "b@example.test", actorChannel: null },
      { targetId: "key", actorEmail: "a@example.test", actorChannel: "api_key", actorLabel: "ci" },
      { targetId: "platform", actorEmail: null, actorChannel: "platform_key", actorLabel: "billing-agent" },
      { targetId: "job", actorEmail: null, actorChannel: "job", actorLabel: "the monthly billing run" },
      { targetId: "old-system", actorEmail: null, actorChannel: null },
    ]);
    const targets = async (channel: AuditLogFilters["channel"]) => (await listAuditEvents(ctx, { channel })).events.map((e) => e.targetId).sort();
    expect(await targets("session")).toEqual(["old-person", "session"]);
    expect(await targets("api_key")).toEqual(["key"]);
    expect(await targets("platform_key")).toEqual(["platform"]);
    expect(await targets("job")).toEqual(["job", "old-system"]);
  });

  it("filters by action", async () => {
    const { organization, ctx } = await adminOfNewOrganization();
    await insertEvents(organization.id, [{ action: "member.role_changed" }, { action: "organization.updated" }, { action: "member.role_changed" }]);
    const { events } = await listAuditEvents(ctx, { action: "member.role_changed" });
    expect(events.map((e) => e.action)).toEqual(["member.role_changed", "member.role_changed"]);
  });

  it("takes whole UTC days, both ends included", async () => {
    const { organization, ctx } = await adminOfNewOrganization();
    const at = (iso: string) => ({ createdAt: new Date(iso), targetId: iso });
    await insertEvents(organization.id, [
      at("2024-03-09T23:59:59.999Z"),
      at("2024-03-10T00:00:00.000Z"),
      at("2024-03-11T12:00:00.000Z"),
      at("2024-03-12T23:59:59.999Z"),
      at("2024-03-13T00:00:00.000Z"),
    ]);
    const targets = async (filters: AuditLogFilters) => (await listAuditEvents(ctx, filters)).events.map((e) => e.targetId);
    expect(await targets({ from: "2024-03-10", to: "2024-03-12" })).toEqual(["2024-03-12T23:59:59.999Z", "2024-03-11T12:00:00.000Z", "2024-03-10T00:00:00.000Z"]);
    expect(await targets({ from: "2024-03-13" })).toEqual(["2024-03-13T00:00:00.000Z"]);
    expect(await targets({ to: "2024-03-09" })).toEqual(["2024-03-09T23:59:59.999Z"]);
    expect(await targets({ from: "2024-03-11", to: "2024-03-11" })).toEqual(["2024-03-11T12:00:00.000Z"]);
  });

  it("combines filters", async () => {
    const { organization, ctx } = await adminOfNewOrganization();
    await insertEvents(organization.id, [
      { actorEmail: "ann@example.test", action: "organization.updated", createdAt: new Date("2024-05-01T10:00:00Z") },
      { actorEmail: "ann@example.test", action: "organization.updated", createdAt: new Date("2024-06-01T10:00:00Z") },
      { actorEmail: "ann@example.test", action: "user.signed_in", createdAt: new Date("2024-05-01T11:00:00Z") },
      { actorEmail: "ben@example.test", action: "organization.updated", createdAt: new Date("2024-05-01T12:00:00Z") },
    ]);
    const { events } = await listAuditEvents(ctx, { actor: "ann", action: "organization.updated", from: "2024-05-01", to: "2024-05-31" });
    expect(events.map((e) => e.createdAt.toISOString())).toEqual(["2024-05-01T10:00:00.000Z"]);
  });
});

describe("listAuditEvents paging", () => {
  it("walks more than two pages older and back newer, in a stable order without gaps or repeats", async () => {
    const { organization, ctx } = await adminOfNewOrganization();
    const base = Date.parse("2024-01-01T00:00:00Z");
    // Three events share each timestamp, so the id must break ties.
    const inserted = await insertEvents(
      organization.id,
      Array.from({ length: 123 }, (_, i) => ({ createdAt: new Date(base + Math.floor(i / 3) * 1000), targetId: String(i) })),
    );
    // A few more written at sub-millisecond distance, where a JavaScript Date would lose the order.
    for (let i = 0; i < 5; i++) inserted.push(...(await insertEvents(organization.id, [{ targetId: `now-${i}` }])));
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.accountId, organization.id));
    const expected = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id).map((e) => e.id);
    expect(expected).toHaveLength(128);

    const pages: number[][] = [];
    let page = await listAuditEvents(ctx, {});
    expect(page.newer).toBeNull();
    for (;;) {
      pages.push(ids(page.events));
      if (!page.older) break;
      page = await listAuditEvents(ctx, {}, page.older);
      expect(page.newer).not.toBeNull();
    }
    expect(pages.map((p) => p.length)).toEqual([auditLogPageSize, auditLogPageSize, 28]);
    expect(pages.flat()).toEqual(expected);

    const back: number[][] = [ids(page.events)];
    while (page.newer) {
      page = await listAuditEvents(ctx, {}, page.newer);
      back.unshift(ids(page.events));
    }
    expect(back).toEqual(pages);
    expect(page.older).not.toBeNull();
  });

  it("pages within a filter", async () => {
    const { organization, ctx } = await adminOfNewOrganization();
    await insertEvents(
      organization.id,
      Array.from({ length: 110 }, (_, i) => ({ action: i % 2 ? "user.signed_in" : "organization.updated" })),
    );
    const first = await listAuditEvents(ctx, { action: "user.signed_in" });
    const second = await listAuditEvents(ctx, { action: "user.signed_in" }, first.older);
    expect(first.events).toHaveLength(50);
    expect(second.events).toHaveLength(5);
    expect(second.older).toBeNull();
    expect([...first.events, ...second.events].every((e) => e.action === "user.signed_in")).toBe(true);
  });
});

describe("isolation between accounts", () => {
  it("never shows another organization's events, actions or cursor", async () => {
    const { organization, ctx } = await adminOfNewOrganization();
    const other = await createOrganizationWith({});
    await insertEvents(organization.id, [{ action: "organization.updated", actorEmail: "mine@example.test" }]);
    const [theirs] = await insertEvents(other.id, [
      { action: "organization.updated", actorEmail: "theirs@example.test" },
      { action: "secret.action", actorEmail: "theirs@example.test" },
    ]);
    expect((await listAuditEvents(ctx, {})).events.map((e) => e.actorEmail)).toEqual(["mine@example.test"]);
    expect((await listAuditEvents(ctx, { actor: "theirs" })).events).toEqual([]);
    expect((await listAuditEvents(ctx, { action: "secret.action" })).events).toEqual([]);
    expect(await listAuditActions(ctx)).toEqual(["organization.updated"]);
    for (const direction of ["older", "newer"] as const) {
      expect((await listAuditEvents(ctx, {}, { direction, eventId: theirs!.id })).events).toEqual([]);
    }
  });
});

describe("listAuditActions", () => {
  it("lists each action once, sorted", async () => {
    const { organization, ctx } = await adminOfNewOrganization();
    expect(await listAuditActions(ctx)).toEqual([]);
    await insertEvents(organization.id, [{ action: "user.signed_in" }, { action: "member.role_changed" }, { action: "user.signed_in" }, { action: "organization.created" }]);
    expect(await listAuditActions(ctx)).toEqual(["member.role_changed", "organization.created", "user.signed_in"]);
  });
});

describe("any URL", () => {
  const pool = ["", " ", "a", "Z", "0", "9", "-", ".", "_", "%", "\\", "'", '"', "@", "=", "+", "\u0000", "\n", "é", "😀", "\ud800", "2024-02-29", "2023-02-29", "9999-12-31", "0000-01-01", "+275760-09-13", "user.signed_in", "1", "99999999999999999999"];
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = () => pool[Math.floor(random() * pool.length)]!;
  const value = () => Array.from({ length: Math.floor(random() * 4) }, pick).join("");

  it("is parsed without throwing, and a valid one lists and exports without a database error", async () => {
    const { organization, ctx } = await adminOfNewOrganization();
    const [event] = await insertEvents(organization.id, [{ action: "user.signed_in", actorEmail: "x@example.test" }]);
    for (let i = 0; i < 300; i++) {
      const params: Record<string, string | string[]> = {};
      for (const name of ["actor", "action", "from", "to", "before", "after"]) {
        const roll = random();
        if (roll < 0.15) params[name] = [value(), value()];
        else if (roll < 0.75) params[name] = value();
      }
      if (random() < 0.2) params.before = String(event!.id);
      const query = parseAuditLogQuery(params);
      if (!query.ok) {
        expect(Object.keys(query.fieldErrors).length).toBeGreaterThan(0);
        continue;
      }
      await listAuditEvents(ctx, query.filters, query.cursor);
      await new Response(auditLogCsvStream(ctx, query.filters)).text();
    }
  });
});
