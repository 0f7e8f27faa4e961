import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import { auditLogFilterSchema } from "@/lib/audit-log/filters";
import { listAuditEventsOlderThan } from "@/lib/audit-log/keyset";
import type { AuditLogEntry } from "@/lib/audit-log/queries";
import { accountContext } from "../authenticate";
import { fieldErrors } from "../errors";
import { decodeCursor, encodeCursor } from "../cursor";
import { validationFailed } from "../problem";
import type { ApiRouter } from "../router";
import { accountNotFound, anyKey, commonErrors, dateTime, forbidden, invalid, listOf, pageQuery, slugParam } from "../schemas";

export const AuditEventSchema = z
  .object({
    id: z.number().int(),
    createdAt: dateTime(),
    action: z.string().openapi({ example: "member.role_changed" }),
    actor: z.object({
      userId: z.uuid().nullable(),
      email: z.string().nullable(),
      channel: z.enum(["session", "api_key", "platform_key", "job"]).nullable().openapi({ description: "How the change reached the console; null for events from before channels were recorded." }),
      credentialId: z.string().nullable().openapi({ description: "The API key, platform key or job that acted." }),
      label: z.string().nullable().openapi({ description: "Its name then (`ci-deploy`, `monthly billing run`)." }),
    }),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    metadata: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .openapi("AuditEvent");

const channels = new Set(["session", "api_key", "platform_key", "job"]);

const wire = (event: AuditLogEntry) => ({
  id: event.id,
  createdAt: event.createdAt.toISOString(),
  action: event.action,
  actor: {
    userId: event.actorId,
    email: event.actorEmail,
    channel: event.actorChannel && channels.has(event.actorChannel) ? (event.actorChannel as "session" | "api_key" | "platform_key" | "job") : null,
    credentialId: event.actorCredentialId,
    label: event.actorLabel,
  },
  target: { type: event.targetType, id: event.targetId },
  metadata: event.metadata,
  ip: event.ip,
  userAgent: event.userAgent,
});

const filterParams = {
  actor: z.string().optional().openapi({ param: { name: "actor", in: "query" }, description: "The actor's email, or its beginning." }),
  action: z.string().optional().openapi({ param: { name: "action", in: "query" }, example: "member.removed" }),
  from: z.string().optional().openapi({ param: { name: "from", in: "query" }, description: "First UTC day included (YYYY-MM-DD).", example: "2026-11-01" }),
  to: z.string().optional().openapi({ param: { name: "to", in: "query" }, description: "Last UTC day included (YYYY-MM-DD).", example: "2026-11-30" }),
};

export const listAuditEventsRoute = createRoute({
  method: "get",
  path: "/accounts/{slug}/audit-events",
  operationId: "listAuditEvents",
  tags: ["Audit events"],
  summary: "List audit events",
  description: "Newest first, with the audit log screen's filters. Owners and admins; platform keys with `audit:read`.",
  security: anyKey,
  request: { params: slugParam, query: pageQuery.extend(filterParams) },
  responses: {
    200: { description: "A page of events.", content: { "application/json": { schema: listOf(AuditEventSchema).openapi("AuditEventList") } } },
    ...commonErrors,
    403: forbidden,
    404: accountNotFound,
    422: invalid,
  },
});

const AUDIT = "audit-events";
const isEventId = (position: unknown[]): position is [number] => position.length === 1 && Number.isSafeInteger(position[0]) && (position[0] as number) > 0;

export function registerAuditEvents(app: ApiRouter) {
  app.openapi(listAuditEventsRoute, async (c) => {
    const { limit, cursor, ...raw } = c.req.valid("query");
    const ctx = await accountContext(c, c.req.valid("param").slug);
    // The screen's own filter schema (email prefix, action shape, real calendar days, from ≤ to).
    const filters = auditLogFilterSchema.safeParse(raw);
    if (!filters.success) throw validationFailed(fieldErrors(filters.error.issues));
    const after = decodeCursor<[number]>(AUDIT, cursor, isEventId);
    const page = await listAuditEventsOlderThan(ctx, filters.data, { limit, olderThan: after?.[0] ?? null });
    const last = page.events.at(-1);
    return c.json({ data: page.events.map(wire), nextCursor: page.more && last ? encodeCursor(AUDIT, [last.id]) : null }, 200);
  });
}
