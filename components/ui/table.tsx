import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type TableProps = ComponentProps<"table"> & {
  /** Table caption (recommended). Also names the scrollable region. */
  caption?: ReactNode;
  /** Visually hide the caption (still read by screen readers). */
  captionHidden?: boolean;
  wrapperClassName?: string;
};

/**
 * Responsive table: horizontally scrollable wrapper. When a string caption is
 * given, the wrapper is a keyboard-focusable, labelled region so it can be
 * scrolled without a mouse.
 */
export function Table({ caption, captionHidden, className, wrapperClassName, children, ...props }: TableProps) {
  const regionProps =
    typeof caption === "string" ? { role: "region", "aria-label": caption, tabIndex: 0 } : {};
  return (
    <div
      {...regionProps}
      className={cn("relative w-full overflow-x-auto rounded-lg border border-border bg-surface", wrapperClassName)}
    >
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props}>
        {caption ? (
          <caption
            className={cn(
              captionHidden ? "sr-only" : "px-4 py-3 text-left text-sm font-medium text-muted-foreground",
            )}
          >
            {caption}
          </caption>
        ) : null}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("border-b border-border bg-muted", className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-border", className)} {...props} />;
}

export function TR({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("transition-colors", className)} {...props} />;
}

export function TH({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cn(
        "h-10 px-4 text-left align-middle text-xs font-semibold tracking-wide whitespace-nowrap text-muted-foreground uppercase",
        className,
      )}
      {...props}
    />
  );
}

export function TD({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-4 py-3 align-middle text-foreground", className)} {...props} />;
}
