import { monthLabel } from "@/lib/consumption/months";
import type { InvoiceStatus } from "./queries";

/** What the screen and the PDF call each status. */
export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
  open: "Open",
  paid: "Paid",
  failed: "Payment failed",
  void: "Void",
};

export const invoiceStatusTones = { open: "info", paid: "success", failed: "danger", void: "neutral" } as const satisfies Record<InvoiceStatus, string>;

/** "2026-10-01" → "October 2026": invoices cover whole UTC months. */
export function invoicePeriodLabel(periodStart: string): string {
  return monthLabel(periodStart.slice(0, 7));
}

/** 2000 → "20%", 810 → "8.1%", 0 → "0%". */
export function formatRate(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100).padStart(2, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}%` : `${whole}%`;
}

const dayFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export function formatDay(date: Date | string): string {
  return dayFormat.format(typeof date === "string" ? new Date(`${date}T00:00:00Z`) : date);
}
