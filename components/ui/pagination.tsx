import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "./button";
import { cn } from "./cn";

export type PaginationProps = {
  page: number;
  pageCount: number;
  /** Path without query string, e.g. "/members". */
  basePath: string;
  /** Current search params (Next's `searchParams` works as-is); all but `page` are kept. */
  searchParams?: Record<string, string | string[] | undefined>;
  className?: string;
};

export function pageHref(
  basePath: string,
  searchParams: PaginationProps["searchParams"],
  page: number,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams ?? {})) {
    if (key === "page" || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${basePath}?${query}` : basePath;
}

/** Previous / "Page X of Y" / Next. Renders nothing when there is a single page. */
export function Pagination({ page, pageCount, basePath, searchParams, className }: PaginationProps) {
  const total = Math.max(1, Math.floor(pageCount));
  if (total <= 1) return null;
  const current = Math.min(Math.max(1, Math.floor(page) || 1), total);
  const linkClass = buttonClasses({ variant: "secondary", size: "sm" });
  const disabledClass = cn(linkClass, "cursor-not-allowed opacity-60");

  return (
    <nav aria-label="Pagination" className={cn("flex items-center justify-between gap-3", className)}>
      {current > 1 ? (
        <Link href={pageHref(basePath, searchParams, current - 1)} rel="prev" className={linkClass}>
          <ChevronLeft aria-hidden="true" />
          Previous
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          <ChevronLeft aria-hidden="true" />
          Previous
        </span>
      )}
      <p className="text-sm text-muted-foreground">
        Page {current} of {total}
      </p>
      {current < total ? (
        <Link href={pageHref(basePath, searchParams, current + 1)} rel="next" className={linkClass}>
          Next
          <ChevronRight aria-hidden="true" />
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          Next
          <ChevronRight aria-hidden="true" />
        </span>
      )}
    </nav>
  );
}
