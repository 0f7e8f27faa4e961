import type { ReactNode } from "react";
import { requireAccountContext } from "@/lib/authz/context";

/**
 * Checked here, outside the page's loading boundary, so that a refusal is a real 404 status and not
 * a not-found page streamed after a 200.
 */
export default async function MembersLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  await requireAccountContext((await params).slug, "members.view");
  return children;
}
