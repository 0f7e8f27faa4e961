import type { ReactNode } from "react";
import { requireAccountContext } from "@/lib/authz/context";

/** Checked here, above the page's loading boundary, so a refusal is a real 404 status. */
export default async function ConsumptionLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  await requireAccountContext((await params).slug, "consumption.view");
  return children;
}
