/**
 * `npm run coupon:create -- --code WELCOME10 --credit 10.00 [--expires 2027-01-01] [--max 100] [--per-account]`
 * `npm run coupon:create -- --code LAUNCH20 --percent 20 --invoices 3 [--expires …] [--max …] [--per-account]`
 *
 * Creates a coupon in the console's database (embedded unless DATABASE_URL is set). A credit is in
 * the configured CURRENCY. --expires is the moment the code stops working: a date means 00:00 UTC
 * that day, or give a full ISO time. --max caps how many accounts may redeem it. A person redeems a
 * code for one of their accounts only (so one person cannot collect a credit in every organization
 * they create), unless --per-account lets each account redeem it once, whoever redeems it.
 */
import { parseArgs } from "node:util";
import { db } from "../db/client";
import { formatMoney, parseAmountToMinor } from "../lib/billing/money";
import { createCoupon } from "../lib/coupons/create";
import { describeBenefit } from "../lib/coupons/describe";
import type { CreateCouponInput } from "../lib/coupons/schemas";
import { runOperatorCommand } from "./operator-command";

const usage = `Usage:
  npm run coupon:create -- --code CODE --credit AMOUNT [--expires DATE] [--max N] [--per-account]
  npm run coupon:create -- --code CODE --percent P --invoices N [--expires DATE] [--max N] [--per-account]`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(1);
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, got "${value}".`);
  return Number(value);
}

function expiry(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) fail(`--expires must be a date like 2027-01-01 or an ISO time, got "${value}".`);
  return date;
}

/** What the command line asks for, or an exit with the reason. */
function couponInputFromArgs(argv: string[]): CreateCouponInput {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        code: { type: "string" },
        credit: { type: "string" },
        percent: { type: "string" },
        invoices: { type: "string" },
        expires: { type: "string" },
        max: { type: "string" },
        "per-account": { type: "boolean" },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (!parsed.code) fail("--code is required.");
  if ((parsed.credit === undefined) === (parsed.percent === undefined)) fail("Give either --credit or --percent.");
  const common = {
    code: parsed.code,
    expiresAt: expiry(parsed.expires),
    maxRedemptions: integer(parsed.max, "max") ?? null,
    oncePerUser: !parsed["per-account"],
  };
  if (parsed.credit !== undefined) {
    if (parsed.invoices !== undefined) fail("--invoices goes with --percent.");
    const amountMinor = parseAmountToMinor(parsed.credit);
    if (amountMinor === null) fail(`--credit must be an amount like 10.00, got "${parsed.credit}".`);
    return { ...common, kind: "credit", amountMinor };
  }
  const invoiceCount = integer(parsed.invoices, "invoices");
  if (invoiceCount === undefined) fail("--percent needs --invoices: how many invoices it discounts.");
  return { ...common, kind: "percent", percentOff: integer(parsed.percent, "percent")!, invoiceCount };
}

const input = couponInputFromArgs(process.argv.slice(2));
await runOperatorCommand(async () => {
  const coupon = await createCoupon(input, db);
  const benefit =
    coupon.kind === "credit"
      ? describeBenefit({ kind: "credit", amountMinor: coupon.amountMinor!, currency: coupon.currency! })
      : describeBenefit({ kind: "percent", percentOff: coupon.percentOff!, invoiceCount: coupon.invoiceCount! });
  console.log(`Coupon ${coupon.code} created: ${benefit}.`);
  console.log(`  expires:         ${coupon.expiresAt ? coupon.expiresAt.toISOString() : "never"}`);
  console.log(`  max redemptions: ${coupon.maxRedemptions ?? "unlimited"}`);
  console.log(`  redeemable:      ${coupon.oncePerUser ? "once per person (for one of their accounts)" : "once per account"}`);
  if (coupon.kind === "credit") console.log(`  (${formatMoney(coupon.amountMinor!, coupon.currency!)} per redeeming account)`);
});
