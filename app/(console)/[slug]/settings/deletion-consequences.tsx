import { AlertTriangle, FileText, Wallet } from "lucide-react";

/** What deleting an account does to its money, as the server computed it (plain values for a client form). */
export interface DeletionSummary {
  issuedInvoices: number;
  unsettledInvoiceNumbers: string[];
  /** Remaining credit, formatted; null when none is left. */
  credit: string | null;
}

/** The invoices and credit paragraph of a delete dialog or form. */
export function DeletionConsequences({ summary, invoicesHref, subject }: { summary: DeletionSummary; invoicesHref: string; subject: "organization" | "personal space" }) {
  const { issuedInvoices, unsettledInvoiceNumbers, credit } = summary;
  const link = (
    <a className="font-medium text-primary underline underline-offset-4" href={invoicesHref}>
      Invoices page
    </a>
  );
  return (
    <ul className="space-y-3 text-sm" aria-label="What happens to invoices and credit">
      {unsettledInvoiceNumbers.length > 0 && (
        <li className="flex gap-2 rounded-lg border border-danger/50 bg-danger/10 p-3 text-foreground">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
          <span>
            {unsettledInvoiceNumbers.length === 1 ? `Invoice ${unsettledInvoiceNumbers[0]} is` : `Invoices ${unsettledInvoiceNumbers.join(", ")} are`} not paid yet, so
            the {subject} cannot be deleted. Pay {unsettledInvoiceNumbers.length === 1 ? "it" : "them"} on the {link}, or contact the operator.
          </span>
        </li>
      )}
      <li className="flex gap-2">
        <FileText aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
        <span>
          {issuedInvoices === 0 ? (
            <>No invoices were issued to this {subject}.</>
          ) : (
            <>
              {issuedInvoices === 1 ? "Its issued invoice is" : `Its ${issuedInvoices} issued invoices are`} kept as accounting records, still available to the operator,
              but you will no longer see {issuedInvoices === 1 ? "it" : "them"} here. Download {issuedInvoices === 1 ? "it" : "them"} first from the {link}.
            </>
          )}
        </span>
      </li>
      <li className="flex gap-2">
        <Wallet aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
        <span>{credit ? <>Its remaining credit of <strong className="font-semibold">{credit}</strong> is forfeited: it is not refunded.</> : <>No credit is left on it.</>}</span>
      </li>
    </ul>
  );
}
