import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Placeholder block for loading.tsx; size it with className (e.g. "h-4 w-40"). */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-foreground/10", className)} {...props} />;
}
