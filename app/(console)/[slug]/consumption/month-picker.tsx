import { ChevronLeft, ChevronRight } from "lucide-react";
import Form from "next/form";
import Link from "next/link";
import { TextField } from "@/components/form/field";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EARLIEST_MONTH, shiftMonth } from "@/lib/consumption/months";

/** A GET form and previous/next links: the month lives in the URL, so a view can be bookmarked. */
export function MonthPicker({ basePath, month, current }: { basePath: string; month: string; current: string }) {
  const previous = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  const linkClass = buttonClasses({ variant: "secondary", size: "sm" });
  const disabledClass = cn(linkClass, "cursor-not-allowed opacity-60");
  return (
    <div className="flex flex-col gap-4 rounded-xl border border-border bg-surface p-4 sm:flex-row sm:items-end sm:justify-between sm:p-5">
      <Form action={basePath} aria-label="Choose a month" className="flex items-end gap-2">
        <TextField label="Month (UTC)" name="month" type="month" defaultValue={month} min={EARLIEST_MONTH} max={current} className="w-48" />
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </Form>
      <nav aria-label="Months" className="flex gap-2">
        {previous >= EARLIEST_MONTH ? (
          <Link href={`${basePath}?month=${previous}`} rel="prev" className={linkClass}>
            <ChevronLeft aria-hidden="true" />
            Previous month
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClass}>
            <ChevronLeft aria-hidden="true" />
            Previous month
          </span>
        )}
        {next <= current ? (
          <Link href={next === current ? basePath : `${basePath}?month=${next}`} rel="next" className={linkClass}>
            Next month
            <ChevronRight aria-hidden="true" />
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClass}>
            Next month
            <ChevronRight aria-hidden="true" />
          </span>
        )}
      </nav>
    </div>
  );
}
