import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { jobContext } from "@/lib/authz/job-context";
import { actorFor, createUser } from "@/test/factories";
import { recordAuditEvent } from "./audit";

describe("audit events", () => {
  it("cannot be edited, but survive their actor's deletion with the actor's email", async () => {
    const actor = await createUser();
    await recordAuditEvent(db, actorFor(actor), { action: "test.happened", targetType: "test" });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.actorId, actor.id));
    await expect(db.execute(sql`update audit_events set action = 'test.rewritten' where id = ${event!.id}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    await db.delete(users).where(eq(users.id, actor.id));
    const [after] = await db.select().from(auditEvents).where(eq(auditEvents.id, event!.id));
    expect(after).toMatchObject({ actorId: null, actorEmail: actor.email, actorChannel: "session", action: "test.happened" });
  });

  it("take who acted, the channel and where from out of the context", async () => {
    const member = await createUser();
    const request = { ip: "198.51.100.7", userAgent: "curl/8.5" };
    const targetId = crypto.randomUUID();
    const viaKey = { actor: { kind: "member", channel: "api_key", userId: member.id, email: member.email, name: member.name, apiKey: { id: "key-1", name: "ci-deploy", readOnly: false } }, request } as const;
    const platform = { actor: { kind: "platform", channel: "platform_key", platformKey: { id: "pk-1", name: "billing-agent" }, scopes: ["usage:write"] }, request } as const;
    await recordAuditEvent(db, actorFor(member, request), { action: "test.session", targetType: "test", targetId });
    await recordAuditEvent(db, viaKey, { action: "test.api_key", targetType: "test", targetId });
    await recordAuditEvent(db, platform, { action: "test.platform", targetType: "test", targetId });
    await recordAuditEvent(db, jobContext("monthly-billing-run", "the monthly billing run"), { action: "test.job", targetType: "test", targetId });
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.targetId, targetId)).orderBy(auditEvents.id);
    expect(rows.map(({ action, actorId, actorEmail, actorChannel, actorCredentialId, actorLabel, ip, userAgent }) => ({ action, actorId, actorEmail, actorChannel, actorCredentialId, actorLabel, ip, userAgent }))).toEqual([
      { action: "test.session", actorId: member.id, actorEmail: member.email, actorChannel: "session", actorCredentialId: null, actorLabel: null, ...request },
      { action: "test.api_key", actorId: member.id, actorEmail: member.email, actorChannel: "api_key", actorCredentialId: "key-1", actorLabel: "ci-deploy", ...request },
      { action: "test.platform", actorId: null, actorEmail: null, actorChannel: "platform_key", actorCredentialId: "pk-1", actorLabel: "billing-agent", ...request },
      { action: "test.job", actorId: null, actorEmail: null, actorChannel: "job", actorCredentialId: "monthly-billing-run", actorLabel: "the monthly billing run", ip: null, userAgent: null },
    ]);
  });
});
