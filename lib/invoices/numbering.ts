import "server-only";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";

export const INVOICE_NUMBER_PATTERN = /^INV-\d{4}-\d{6,}$/;

/** A number from a URL segment; a malformed escape is just an unknown number, not an error. */
export function invoiceNumberFromPath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** "INV-2026-000042": the issue year, then the global sequence (never reset, so never ambiguous). */
export function formatInvoiceNumber(year: number, sequence: number): string {
  return `INV-${year}-${String(sequence).padStart(6, "0")}`;
}

/**
 * Takes the next invoice number. Call it last in the issuing transaction, just before inserting the
 * invoice: the UPDATE locks the counter row until commit, so parallel runs queue here one at a time,
 * and a transaction that rolls back gives its number back. Numbers are therefore unique and gapless
 * (the unique index on `invoices.sequence` backs the first). The issue time is read after the lock,
 * so issue times follow the numbers.
 */
export async function takeInvoiceNumber(tx: Transaction): Promise<{ sequence: number; number: string; issuedAt: Date }> {
  const result = await tx.execute<{ sequence: number; issued_at: string | Date }>(sql`
    update invoice_counters set last_sequence = last_sequence + 1
    where id = 'invoices'
    returning last_sequence as sequence, clock_timestamp() as issued_at`);
  const row = result.rows[0];
  if (!row) throw new Error("invoice_counters has no 'invoices' row: the migrations were not applied");
  const issuedAt = new Date(row.issued_at);
  const sequence = Number(row.sequence);
  return { sequence, number: formatInvoiceNumber(issuedAt.getUTCFullYear(), sequence), issuedAt };
}
