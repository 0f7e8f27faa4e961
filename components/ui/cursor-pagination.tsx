import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "./button";
import { cn } from "./cn";

export type CursorPaginationProps = {
  /** Link to the page before this one (newer items); null on the first page. */
  newerHref: string | null;
  /** Link to the page after this one (older items); null on the last page. */
  olderHref: string | null;
  newerLabel?: string;
  olderLabel?: string;
  className?: string;
};

/** "Newer" / "Older" links for keyset-paginated lists. Renders nothing when everything fits on one page. */
export function CursorPagination({ newerHref, olderHref, newerLabel = "Newer", olderLabel = "Older", className }: CursorPaginationProps) {
  if (!newerHref && !olderHref) return null;
  const linkClass = buttonClasses({ variant: "secondary", size: "sm" });
  const disabledClass = cn(linkClass, "cursor-not-allowed opacity-60");
  return (
    <nav aria-label="Pagination" className={cn("flex items-center justify-between gap-3", className)}>
      {newerHref ? (
        <Link href={newerHref} rel="prev" className={linkClass}>
          <ChevronLeft aria-hidden="true" />
          {newerLabel}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          <ChevronLeft aria-hidden="true" />
          {newerLabel}
        </span>
      )}
      {olderHref ? (
        <Link href={olderHref} rel="next" className={linkClass}>
          {olderLabel}
          <ChevronRight aria-hidden="true" />
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          {olderLabel}
          <ChevronRight aria-hidden="true" />
        </span>
      )}
    </nav>
  );
}
