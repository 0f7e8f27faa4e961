import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { createUser } from "@/test/factories";
import { recordAuditEntry } from "./audit";

describe("audit events", () => {
  it("cannot be edited, but survive their actor's deletion with the actor's email", async () => {
    const actor = await createUser();
    await recordAuditEntry(db, { actor, action: "test.happened", targetType: "test" });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.actorId, actor.id));
    await expect(db.execute(sql`update audit_events set action = 'test.rewritten' where id = ${event!.id}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    await db.delete(users).where(eq(users.id, actor.id));
    const [after] = await db.select().from(auditEvents).where(eq(auditEvents.id, event!.id));
    expect(after).toMatchObject({ actorId: null, actorEmail: actor.email, action: "test.happened" });
  });
});
