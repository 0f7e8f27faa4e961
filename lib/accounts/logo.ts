import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { accountLogos } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { PublicError } from "@/lib/errors";
import { LOGO_TOO_LARGE, MAX_LOGO_BYTES } from "./logo-rules";

export { MAX_LOGO_BYTES } from "./logo-rules";

const signatures: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: "image/png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", test: (b) => b.subarray(0, 6).toString("ascii") === "GIF87a" || b.subarray(0, 6).toString("ascii") === "GIF89a" },
  { type: "image/webp", test: (b) => b.subarray(0, 4).toString("ascii") === "RIFF" && b.subarray(8, 12).toString("ascii") === "WEBP" },
];

/** The image type read from the file's own bytes (never from its name or the browser's claim). */
export function detectImageType(bytes: Buffer): string | null {
  return signatures.find((s) => s.test(bytes))?.type ?? null;
}

export async function setAccountLogo(ctx: AccountContext, file: File) {
  assertCan(ctx, "account.update");
  if (file.size === 0) throw PublicError.field("logo_missing", "logo", "Choose an image file.");
  if (file.size > MAX_LOGO_BYTES) throw PublicError.field("logo_too_large", "logo", LOGO_TOO_LARGE);
  const bytes = Buffer.from(await file.arrayBuffer());
  const contentType = detectImageType(bytes);
  if (!contentType) throw PublicError.field("logo_unsupported_type", "logo", "Use a PNG, JPEG, WebP or GIF image.");
  await db.transaction(async (tx) => {
    await tx
      .insert(accountLogos)
      .values({ accountId: ctx.account.id, contentType, data: bytes })
      .onConflictDoUpdate({ target: accountLogos.accountId, set: { contentType, data: bytes, updatedAt: new Date() } });
    await recordAuditEvent(tx, ctx, { action: "account.logo_updated", targetType: "account", targetId: ctx.account.id, metadata: { contentType, bytes: bytes.length } });
  });
}

export async function removeAccountLogo(ctx: AccountContext) {
  assertCan(ctx, "account.update");
  await db.transaction(async (tx) => {
    const removed = await tx.delete(accountLogos).where(eq(accountLogos.accountId, ctx.account.id)).returning({ id: accountLogos.accountId });
    if (removed.length === 0) return;
    await recordAuditEvent(tx, ctx, { action: "account.logo_removed", targetType: "account", targetId: ctx.account.id });
  });
}

/** Read by the logo route, which has already checked membership. */
export async function readAccountLogo(ctx: AccountContext) {
  assertCan(ctx, "account.view");
  const [logo] = await db.select().from(accountLogos).where(eq(accountLogos.accountId, ctx.account.id));
  return logo;
}
