import type { ReactNode } from "react";
import { requireAccountContext } from "@/lib/authz/context";

/**
 * Checks the permission above this segment's loading boundary: a notFound() thrown after streaming
 * has begun can no longer change the status from 200 to 404.
 */
export default async function AuditLogLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  await requireAccountContext((await params).slug, "audit.view");
  return children;
}
