import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, describe, expect, it } from "vitest";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { runBillingForMonth } from "./billing-run";
import { invoicePdfDownload, renderInvoicePdf, toWinAnsi } from "./pdf";
import { findInvoice } from "./queries";
import { addUsage, dropPaymentJobs, setBillingProfile, testMetric, uniqueMonth } from "./test-support";

const issued: string[] = [];
afterAll(async () => dropPaymentJobs(issued));

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}

describe("the invoice PDF", () => {
  it("shows the seller, the buyer's billing profile, the number, each line, the tax and the total", async () => {
    const month = uniqueMonth();
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const metrics = [await testMetric("Compute instances", "vCPU-hour", 4_200), await testMetric("Object storage", "GB-month", 1_230_000), await testMetric("Egress", "GB", 90_000)];
    await addUsage(organization.id, metrics[0]!.id, "1000", month);
    await addUsage(organization.id, metrics[1]!.id, "12.5", month);
    await addUsage(organization.id, metrics[2]!.id, "0.25", month);
    await setBillingProfile(organization.id, { country: "FR", legalName: "Société Générale d'Essai", taxId: "FR40303265045" });
    const summary = await runBillingForMonth(month, { accountIds: [organization.id] });
    issued.push(...summary.issued.map((i) => i.invoiceId));
    const ctx = await contextFor(owner, organization.slug);
    const detail = await findInvoice(ctx, summary.issued[0]!.number);

    const bytes = await renderInvoicePdf(detail!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(bytes);

    expect(text).toContain(detail!.invoice.number);
    expect(text).toContain("Organization Console SAS"); // the seller (SELLER_NAME default)
    expect(text).toContain("1 rue de la Paix");
    expect(text).toContain("Société Générale d'Essai");
    expect(text).toContain("FR40303265045");
    for (const line of ["Compute instances", "Object storage", "Egress"]) expect(text).toContain(line);
    expect(text).toContain("1,000 vCPU-hour");
    expect(text).toContain("€4.20");
    expect(text).toContain("€15.38");
    // Subtotal €19.60 (4.20 + 15.38 + 0.02); French VAT 20% = €3.92; total €23.52.
    expect(text).toContain("Tax (20%)");
    expect(text).toContain("€3.92");
    expect(text).toMatch(/Total\s*€23\.52/);
  });

  it("is downloaded as <number>.pdf, and only from the invoice's own account", async () => {
    const month = uniqueMonth();
    const [owner, stranger] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner });
    const other = await createOrganizationWith({ owner: stranger });
    const metric = await testMetric("Compute", "hour", 10_000);
    await addUsage(organization.id, metric.id, "5", month);
    const summary = await runBillingForMonth(month, { accountIds: [organization.id] });
    issued.push(...summary.issued.map((i) => i.invoiceId));
    const number = summary.issued[0]!.number;

    const download = await invoicePdfDownload(await contextFor(owner, organization.slug), number);
    expect(download!.filename).toBe(`${number}.pdf`);
    const bytes = new Uint8Array(await new Response(download!.body).arrayBuffer());
    expect(await pdfText(bytes)).toContain(number);
    expect(await invoicePdfDownload(await contextFor(stranger, other.slug), number)).toBeNull();
  });

  it("folds what Helvetica cannot print instead of printing garbage", () => {
    expect(toWinAnsi("Łódź Müller € — Straße")).toBe("Lódz Müller € — Straße");
    expect(toWinAnsi("東京 Ωmega")).toBe("?? ?mega");
  });
});
