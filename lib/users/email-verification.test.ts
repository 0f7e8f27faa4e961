import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { mailOutbox, users } from "@/db/schema";
import { createUser, noRequest, uniqueEmail } from "@/test/factories";
import { pendingVerification, verifyEmail } from "./email-verification";
import { peekLinkToken } from "./link-tokens";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { signUp } from "./sign-up";

async function signedUpWithToken(password = "correct-horse-battery") {
  const email = uniqueEmail("confirm");
  await signUp({ name: "Cora Confirm", email, password }, { ip: `2001:db8::${randomUUID().slice(0, 4)}`, userAgent: "vitest" });
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  return { email, token: /token=([\w-]+)/.exec(mail!.text)![1]! };
}

const verifiedAt = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]?.emailVerified;

describe("email verification", () => {
  it("opening the link (what the page does on GET) only looks: nothing is verified, the link stays live", async () => {
    const { email, token } = await signedUpWithToken();
    expect(await pendingVerification(token)).toEqual({ email });
    expect(await pendingVerification(token)).toEqual({ email });
    expect(await verifiedAt(email)).toBeNull();
    expect(await pendingVerification("not-a-token")).toBeNull();
  });

  it("refuses the wrong password with a field error and keeps the link", async () => {
    const { email, token } = await signedUpWithToken();
    await expect(verifyEmail(token, "the-real-owners-password", noRequest)).rejects.toMatchObject({
      fieldErrors: { password: ["This is not the password chosen when this account was created."] },
    });
    expect(await verifiedAt(email)).toBeNull();
    expect(await pendingVerification(token)).toEqual({ email });
  });

  it("verifies with the link and the right password, once", async () => {
    const { email, token } = await signedUpWithToken();
    await expect(verifyEmail(token, "correct-horse-battery", noRequest)).resolves.toEqual({ email });
    expect(await verifiedAt(email)).toBeInstanceOf(Date);
    expect(await pendingVerification(token)).toBeNull();
    await expect(verifyEmail(token, "correct-horse-battery", noRequest)).rejects.toThrow(/invalid, already used or expired/);
  });

  it("stops guessing the password on the confirmation page after 10 tries an hour", async () => {
    const { token } = await signedUpWithToken();
    for (let i = 0; i < 10; i++) await expect(verifyEmail(token, `wrong-guess-${i}`, noRequest)).rejects.toMatchObject({ fieldErrors: { password: [expect.any(String)] } });
    await expect(verifyEmail(token, "correct-horse-battery", noRequest)).rejects.toThrow(/Too many wrong passwords/);
  });
});

describe("reset links", () => {
  it("opening the reset page (a peek) consumes nothing", async () => {
    const user = await createUser();
    await requestPasswordReset(user.email, { ip: `2001:db8::${randomUUID().slice(0, 4)}`, userAgent: "vitest" });
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
    const token = /token=([\w-]+)/.exec(mail!.text)![1]!;
    expect(await peekLinkToken(db, "reset-password", token)).toBe(user.id);
    expect(await peekLinkToken(db, "reset-password", token)).toBe(user.id);
    await expect(resetPassword(token, "a-fresh-staple-battery", noRequest)).resolves.toEqual({ email: user.email });
    expect(await peekLinkToken(db, "reset-password", token)).toBeNull();
  });
});
