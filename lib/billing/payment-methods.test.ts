import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, memberships, paymentMethods } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { roles, type Role } from "@/lib/authz/roles";
import { tokenizeCard } from "@/lib/payments/sandbox/tokenize";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { addPaymentMethod, listPaymentMethods, removePaymentMethod, setDefaultPaymentMethod } from "./payment-methods";
import { addPaymentMethodBody, MAX_PAYMENT_METHODS } from "./payment-methods-schema";

const billingRoles: Role[] = ["owner", "admin", "billing"];

/** What the provider's browser component hands the console: a one-time token. */
function oneTimeToken(number = "4242 4242 4242 4242", holderName = "Ada Lovelace") {
  const result = tokenizeCard({ holderName, number, expMonth: "12", expYear: "30", cvc: "123" });
  if (!result.ok) throw new Error("tokenization failed");
  return result.card.token;
}

async function organizationWithRole(role: Role) {
  const actor = await createUser();
  const organization = await createOrganizationWith([[actor, role]]);
  return { actor, organization, ctx: await contextFor(actor, organization.slug) };
}

/** Another member of the same organization, with this role. */
async function joinAs(organization: { id: string; slug: string }, role: Role) {
  const user = await createUser();
  await db.insert(memberships).values({ accountId: organization.id, userId: user.id, role });
  return contextFor(user, organization.slug);
}

async function cardsOf(accountId: string) {
  return db.select().from(paymentMethods).where(eq(paymentMethods.accountId, accountId));
}

async function ownerWithCards(...numbers: string[]) {
  const { organization, ctx } = await organizationWithRole("owner");
  const cards = [];
  for (const number of numbers) cards.push(await addPaymentMethod(ctx, { token: oneTimeToken(number) }));
  return { organization, ctx, cards };
}

describe("addPaymentMethod", () => {
  for (const role of roles) {
    const allowed = billingRoles.includes(role);
    it(`${allowed ? "lets" : "refuses"} a ${role}`, async () => {
      const { organization, ctx } = await organizationWithRole(role);
      const attempt = addPaymentMethod(ctx, { token: oneTimeToken() });
      if (allowed) {
        const card = await attempt;
        expect(card).toMatchObject({ brand: "Visa", last4: "4242", expMonth: 12, expYear: 2030, holderName: "Ada Lovelace", isDefault: true });
        const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "payment_method.added")));
        expect(event).toMatchObject({ targetId: card.id, metadata: { brand: "Visa", last4: "4242", expMonth: 12, expYear: 2030, isDefault: true } });
      } else {
        await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
        expect(await cardsOf(organization.id)).toHaveLength(0);
      }
    });
  }

  it("stores the provider's token, brand, last 4 and expiry, never the number or CVC", async () => {
    const { organization } = await ownerWithCards("4242 4242 4242 4242");
    const [row] = await cardsOf(organization.id);
    expect(row!.providerToken).toMatch(/^pm_sandbox_/);
    const everything = JSON.stringify([row, ...(await db.select().from(auditEvents).where(eq(auditEvents.accountId, organization.id)))]);
    expect(everything).not.toContain("4242424242424242");
    expect(everything).not.toContain("4242 4242 4242 4242");
  });

  it("makes the first card the default, and only the first", async () => {
    const { ctx, cards } = await ownerWithCards("4242424242424242", "5555555555554444");
    expect(cards.map((c) => c.isDefault)).toEqual([true, false]);
    expect((await listPaymentMethods(ctx)).map((c) => [c.last4, c.isDefault])).toEqual([
      ["4242", true],
      ["4444", false],
    ]);
  });

  it("refuses a used or unknown token with a message, and saves nothing", async () => {
    const { organization, ctx } = await organizationWithRole("billing");
    const token = oneTimeToken();
    await addPaymentMethod(ctx, { token });
    await expect(addPaymentMethod(ctx, { token })).rejects.toThrow(/Enter the card again/);
    await expect(addPaymentMethod(ctx, { token: "tok_sandbox_forged" })).rejects.toThrow(/Enter the card again/);
    expect(await cardsOf(organization.id)).toHaveLength(1);
  });

  it(`keeps at most ${MAX_PAYMENT_METHODS} cards`, async () => {
    const { organization, ctx } = await organizationWithRole("owner");
    for (let i = 0; i < MAX_PAYMENT_METHODS; i++) await addPaymentMethod(ctx, { token: oneTimeToken() });
    await expect(addPaymentMethod(ctx, { token: oneTimeToken() })).rejects.toThrow(/at most/);
    expect(await cardsOf(organization.id)).toHaveLength(MAX_PAYMENT_METHODS);
  });

  it("the action's schema takes a token and a name, nothing shaped like a card", () => {
    expect(addPaymentMethodBody.safeParse({ token: "tok_sandbox_abc", holderName: " Ada " }).data).toEqual({ token: "tok_sandbox_abc", holderName: "Ada" });
    expect(addPaymentMethodBody.safeParse({ token: "4242 4242 4242 4242" }).success).toBe(false);
    expect(addPaymentMethodBody.safeParse({}).success).toBe(false);
  });
});

describe("listPaymentMethods", () => {
  for (const role of roles) {
    const allowed = billingRoles.includes(role);
    it(`${allowed ? "shows" : "refuses"} the cards to a ${role}, without their provider token`, async () => {
      const { organization } = await ownerWithCards("4242424242424242");
      const ctx = await joinAs(organization, role);
      if (allowed) {
        const [card] = await listPaymentMethods(ctx);
        expect(card).toMatchObject({ last4: "4242", isDefault: true });
        expect(card).not.toHaveProperty("providerToken");
      } else {
        await expect(listPaymentMethods(ctx)).rejects.toBeInstanceOf(ForbiddenError);
      }
    });
  }

  it("lists only the account's own cards", async () => {
    const mine = await ownerWithCards("4242424242424242");
    await ownerWithCards("5555555555554444");
    expect((await listPaymentMethods(mine.ctx)).map((c) => c.last4)).toEqual(["4242"]);
  });
});

describe("setDefaultPaymentMethod", () => {
  for (const role of roles) {
    const allowed = billingRoles.includes(role);
    it(`${allowed ? "lets" : "refuses"} a ${role}`, async () => {
      const { organization, cards } = await ownerWithCards("4242424242424242", "5555555555554444");
      const attempt = setDefaultPaymentMethod(await joinAs(organization, role), cards[1]!.id);
      if (allowed) await attempt;
      else await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
      const defaults = (await cardsOf(organization.id)).filter((c) => c.isDefault).map((c) => c.last4);
      expect(defaults).toEqual([allowed ? "4444" : "4242"]);
    });
  }

  it("keeps exactly one default and records the change", async () => {
    const { organization, ctx, cards } = await ownerWithCards("4242424242424242", "5555555555554444", "6011111111111117");
    await setDefaultPaymentMethod(ctx, cards[2]!.id);
    await setDefaultPaymentMethod(ctx, cards[2]!.id);
    await setDefaultPaymentMethod(ctx, cards[1]!.id);
    expect((await cardsOf(organization.id)).filter((c) => c.isDefault).map((c) => c.id)).toEqual([cards[1]!.id]);
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "payment_method.default_set")));
    expect(events).toHaveLength(2);
  });

  it("refuses another organization's card and changes nothing there", async () => {
    const mine = await ownerWithCards("4242424242424242");
    const theirs = await ownerWithCards("4242424242424242", "5555555555554444");
    await expect(setDefaultPaymentMethod(mine.ctx, theirs.cards[1]!.id)).rejects.toThrow("This payment method does not exist in this account.");
    expect((await cardsOf(theirs.organization.id)).find((c) => c.isDefault)?.id).toBe(theirs.cards[0]!.id);
  });
});

describe("removePaymentMethod", () => {
  for (const role of roles) {
    const allowed = billingRoles.includes(role);
    it(`${allowed ? "lets" : "refuses"} a ${role}`, async () => {
      const { organization, cards } = await ownerWithCards("4242424242424242");
      const attempt = removePaymentMethod(await joinAs(organization, role), cards[0]!.id);
      if (allowed) await attempt;
      else await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
      expect(await cardsOf(organization.id)).toHaveLength(allowed ? 0 : 1);
    });
  }

  it("promotes the most recent remaining card when the default goes", async () => {
    const { organization, ctx, cards } = await ownerWithCards("4242424242424242", "5555555555554444", "6011111111111117");
    await removePaymentMethod(ctx, cards[1]!.id);
    expect((await cardsOf(organization.id)).find((c) => c.isDefault)?.id).toBe(cards[0]!.id);
    await removePaymentMethod(ctx, cards[0]!.id);
    expect((await cardsOf(organization.id)).map((c) => [c.id, c.isDefault])).toEqual([[cards[2]!.id, true]]);
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "payment_method.removed"), eq(auditEvents.targetId, cards[0]!.id)));
    expect(event?.metadata).toEqual({ brand: "Visa", last4: "4242", wasDefault: true, newDefaultId: cards[2]!.id });
  });

  it("refuses another organization's card and removes nothing", async () => {
    const mine = await ownerWithCards("4242424242424242");
    const theirs = await ownerWithCards("5555555555554444");
    await expect(removePaymentMethod(mine.ctx, theirs.cards[0]!.id)).rejects.toThrow("This payment method does not exist in this account.");
    expect(await cardsOf(theirs.organization.id)).toHaveLength(1);
  });
});
