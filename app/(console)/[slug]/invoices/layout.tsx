import type { ReactNode } from "react";
import { requireAccountContext } from "@/lib/authz/context";

/** Checked above the pages' loading boundaries, so a refusal is a real 404 status. */
export default async function InvoicesLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  await requireAccountContext((await params).slug, "billing.view");
  return children;
}
