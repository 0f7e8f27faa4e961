import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { listMembers } from "./queries";

describe("members at scale", () => {
  it("lists, searches and pages an organization of 10,000 members in well under half a second, whatever the page", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    await db.execute(sql`
      with created as (
        insert into users (name, email, email_verified)
        select 'Scale member ' || n, 'scale-' || ${organization.id}::text || '-' || n || '@example.test', now() from generate_series(1, 10000) n
        returning id)
      insert into memberships (account_id, user_id, role) select ${organization.id}, id, 'member' from created`);
    await db.execute(sql`analyze memberships; analyze users`);
    const ctx = await contextFor(owner, organization.slug);

    const timings: number[] = [];
    for (const query of [
      { sort: "joined" as const, page: 1 },
      { sort: "name" as const, page: 200 },
      { sort: "email" as const, page: 1, q: "member 99" },
      { sort: "role" as const, page: 1, role: "owner" as const },
    ]) {
      const started = performance.now();
      const result = await listMembers(ctx, query);
      timings.push(performance.now() - started);
      expect(result.rows.length).toBeGreaterThan(0);
    }
    expect((await listMembers(ctx, { sort: "joined", page: 1 })).total).toBe(10_001);
    // Generous bound for 2 shared cores; the point is that it does not grow with pages or size.
    expect(Math.max(...timings)).toBeLessThan(500);
  });
});
